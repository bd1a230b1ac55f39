# frozen_string_literal: true

# Boots the test app (widget_app.rb) in a process of its own with the configuration in
# CHATWOOT_TEST_CONFIG (JSON, set on config.chatwoot_identity; "current_user": "callable"
# installs a callable), then GETs CHATWOOT_TEST_PATH (default "/") over loopback. Prints one
# JSON line: {"boot_error": message} or {"status", "body", "log", "headers"}. RAILS_ENV chooses the
# environment.
gem "chatwoot_identity"
require "chatwoot_identity"
require "json"
require "logger"
require "stringio"
require_relative "loopback"
require_relative "widget_app"

include Loopback # rubocop:disable Style/MixinUsage

log = StringIO.new
WidgetApp.config.logger = Logger.new(log)
JSON.parse(ENV.fetch("CHATWOOT_TEST_CONFIG", "{}")).each do |key, value|
  value = ->(_controller) { WidgetAppUser.new(id: "from-callable", name: "Callable") } if key == "current_user"
  WidgetApp.config.chatwoot_identity[key.to_sym] = value
end
begin
  verbose, $VERBOSE = $VERBOSE, nil
  WidgetApp.initialize!
  $VERBOSE = verbose
rescue StandardError => e
  puts JSON.generate("boot_error" => "#{e.class}: #{e.message}")
  exit
end
response = serve_over_loopback(WidgetApp) { |url| Net::HTTP.get_response(URI("#{url}#{ENV.fetch("CHATWOOT_TEST_PATH", "/")}")) }
puts JSON.generate("status" => Integer(response.code), "body" => response.body.to_s, "log" => log.string,
                   "headers" => response.each_header.to_h)
