# Chatwoot's own signing expression, from lib/webhooks/trigger.rb:
#   "sha256=#{OpenSSL::HMAC.hexdigest('SHA256', secret, "#{ts}.#{body}")}"
# Reads "secret_hex timestamp_hex body_hex" lines on stdin, prints one X-Chatwoot-Signature per line.
require 'openssl'
$stdin.each_line do |line|
  secret, ts, body = line.chomp.split(' ', -1).map { |hex| [hex].pack('H*') }
  puts "sha256=#{OpenSSL::HMAC.hexdigest('SHA256', secret, "#{ts}.#{body}")}"
end
