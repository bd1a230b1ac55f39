# frozen_string_literal: true

# The Rails integration: `chatwoot_widget_tag` in every view, configured through
# `config.chatwoot_identity` or CHATWOOT_* environment variables. Loaded by
# `require "chatwoot_identity"` when Rails is already loaded (as Bundler.require does), or
# explicitly with `require "chatwoot_identity/rails"`.
require "chatwoot_identity"
require "rails"
require_relative "widget_helper"
require_relative "railtie"
require_relative "verifies_chatwoot_webhooks"
