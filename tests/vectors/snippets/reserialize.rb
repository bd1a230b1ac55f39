# Ruby's two JSON writers over a parsed body. `to_json` is ActiveSupport's, as Chatwoot's
# Webhooks::Trigger sends `payload.to_json` (it writes <, > and & as \u003c, \u003e, \u0026);
# `generate` is the json gem's JSON.generate, which a Ruby receiver without Rails uses.
# Reads "mode json_hex" lines on stdin, prints the hex of each result.
require 'json'
require 'active_support/all'
$stdin.each_line do |line|
  mode, hex = line.chomp.split(' ', -1)
  payload = JSON.parse([hex].pack('H*').force_encoding('UTF-8'))
  out = case mode
        when 'to_json' then payload.to_json
        when 'generate' then JSON.generate(payload)
        else raise "unknown mode #{mode}"
        end
  puts out.unpack1('H*')
end
