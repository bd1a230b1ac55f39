# frozen_string_literal: true

# `make widget-page-server`: the test Rails app (test/support/widget_app.rb) with the installed
# gem, served by WEBrick on 127.0.0.1:$PORT for the browser tests. Prints `ready` once the
# socket listens; runs until killed. Configuration: see widget_app.rb.

require "rack"
require "rack/handler/webrick"
require_relative "../test/support/widget_app"

WidgetApp.initialize!

port = Integer(ENV.fetch("PORT"), 10)
Rack::Handler::WEBrick.run(
  WidgetApp,
  Host: "127.0.0.1",
  Port: port,
  # No request log on stdout: the harness reads it for `ready` only.
  Logger: WEBrick::Log.new($stderr, WEBrick::Log::WARN),
  AccessLog: [],
  # Called after the listening socket is bound, just before the first accept.
  StartCallback: lambda do
    $stdout.puts "ready"
    $stdout.flush
  end
) do |server|
  # WEBrick alone would keep serving on SIGTERM; the harness stops the server with it.
  %w[TERM INT].each { |signal| trap(signal) { server.shutdown } }
end
