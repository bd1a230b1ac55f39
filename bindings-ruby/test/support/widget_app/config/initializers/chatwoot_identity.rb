# frozen_string_literal: true

# As an app switches injection on in config/initializers (read after the Railtie's own
# initializers): only in the boot of test/rails_inject_test.rb that asks for it.
Rails.application.configure { config.chatwoot_identity.auto_inject = true } if ENV["CHATWOOT_TEST_AUTO_INJECT"] == "1"
