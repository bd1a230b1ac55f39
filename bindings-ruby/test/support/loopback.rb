# frozen_string_literal: true

require "net/http"

# A real HTTP server for a Rack app: WEBrick (Debian's ruby-webrick) through Rack's handler.
module Loopback
  # Serves `app` on 127.0.0.1 (a free port) for the block; yields the base URL.
  def serve_over_loopback(app)
    verbose, $VERBOSE = $VERBOSE, nil # WEBrick's and Rack's own warnings
    require "rack/handler/webrick"
    $VERBOSE = verbose
    started = Queue.new
    options = { Host: "127.0.0.1", Port: 0, AccessLog: [], Logger: WEBrick::Log.new(File::NULL) }
    thread = Thread.new { Rack::Handler::WEBrick.run(app, **options) { |server| started << server } }
    server = started.pop
    yield "http://127.0.0.1:#{server.listeners.first.addr[1]}"
  ensure
    server&.shutdown
    thread&.join
  end

  # GET over a real connection: [status, body].
  def http_get(url)
    response = Net::HTTP.get_response(URI(url))
    [Integer(response.code), response.body.to_s]
  end
end
