# Chatwoot's documented Ruby snippet (and its server's own check):
# OpenSSL::HMAC.hexdigest('sha256', key, identifier).
# Reads "secret_hex identifier_hex" lines on stdin, prints one identifier_hash per line.
require 'openssl'
$stdin.each_line do |line|
  key, identifier = line.split.map { |hex| [hex].pack('H*') }
  puts OpenSSL::HMAC.hexdigest('sha256', key, identifier)
end
