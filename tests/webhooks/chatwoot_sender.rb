#!/usr/bin/env ruby
# frozen_string_literal: true

# A Chatwoot-like webhook sender, for testing receivers: it signs and POSTs a webhook the way
# Chatwoot's Webhooks::Trigger (lib/webhooks/trigger.rb) does, and can get it wrong on purpose.
#
#   ruby tests/webhooks/chatwoot_sender.rb URL --secret SECRET [--mode MODE[,MODE...]]
#        [--hmac-token TOKEN] [--payload FILE.json] [--offset SECONDS]
#
# What Chatwoot does, and so what mode `good` does:
#   body      = payload.to_json                      (ActiveSupport: <, >, & as \u003c \u003e \u0026)
#   timestamp = Time.now.to_i                        (taken at each send)
#   X-Chatwoot-Timestamp: timestamp
#   X-Chatwoot-Signature: "sha256=#{OpenSSL::HMAC.hexdigest('SHA256', secret, "#{timestamp}.#{body}")}"
#   X-Chatwoot-Delivery:  a UUID
#   Content-Type and Accept: application/json; POST with a 5-second timeout.
#
# The other modes:
#   tampered_body       the body is changed after signing
#   tampered_timestamp  the timestamp header is changed after signing
#   stale               signed --offset seconds (default 600) in the past
#   future              signed --offset seconds in the future
#   missing_signature   no X-Chatwoot-Signature
#   missing_timestamp   no X-Chatwoot-Timestamp
#   missing_headers     none of the three Chatwoot headers (an unsigned webhook)
#   wrong_secret        signed with another secret
#   identity_token      signed with the inbox's identity-validation hmac_token (--hmac-token)
#
# For each mode it prints one line, "MODE STATUS BODY" (the receiver's answer, newlines
# flattened), and exits 0 once every request got an answer, whatever its status; 2 on a usage
# error, 1 when a request could not be sent. The secret is read from --secret or
# CHATWOOT_WEBHOOK_SECRET and never printed.

require 'json'
require 'active_support'
require 'active_support/core_ext/object/json'
require 'net/http'
require 'openssl'
require 'optparse'
require 'securerandom'

MODES = %w[good tampered_body tampered_timestamp stale future missing_signature
           missing_timestamp missing_headers wrong_secret identity_token].freeze

DEFAULT_PAYLOAD = {
  event: 'message_created',
  id: 4217,
  content: 'Hi </script><script>alert(1)</script> & <b>bold</b> 😀',
  message_type: 'incoming',
  private: false,
  sender: { id: 77, name: 'Zoë Ångström', type: 'contact' },
  conversation: { id: 311, inbox_id: 5, status: 'open', labels: %w[vip billing] },
  account: { id: 1, name: 'Acme & Co' }
}.freeze

def usage(parser, message)
  warn "chatwoot_sender.rb: #{message}"
  warn parser.banner
  exit 2
end

options = { modes: ['good'], secret: ENV.fetch('CHATWOOT_WEBHOOK_SECRET', nil),
            hmac_token: ENV.fetch('CHATWOOT_HMAC_TOKEN', nil), payload: nil, offset: 600 }
parser = OptionParser.new do |opts|
  opts.banner = 'usage: chatwoot_sender.rb URL --secret SECRET [--mode MODE[,MODE...]] ' \
                '[--hmac-token TOKEN] [--payload FILE.json] [--offset SECONDS]'
  opts.on('--secret SECRET') { |v| options[:secret] = v }
  opts.on('--mode MODES', Array) { |v| options[:modes] = v }
  opts.on('--hmac-token TOKEN') { |v| options[:hmac_token] = v }
  opts.on('--payload FILE') { |v| options[:payload] = JSON.parse(File.read(v)) }
  opts.on('--offset SECONDS', Integer) { |v| options[:offset] = v }
end
parser.parse!
url = ARGV.shift or usage(parser, 'the receiver URL is missing')
usage(parser, 'the webhook secret is missing (--secret or CHATWOOT_WEBHOOK_SECRET)') if options[:secret].to_s.empty?
unknown = options[:modes] - MODES
usage(parser, "unknown mode #{unknown.join(', ')}; modes: #{MODES.join(', ')}") unless unknown.empty?
if options[:modes].include?('identity_token') && options[:hmac_token].to_s.empty?
  usage(parser, 'mode identity_token needs --hmac-token')
end

# Exactly Chatwoot's expression.
def signature(secret, timestamp, body)
  "sha256=#{OpenSSL::HMAC.hexdigest('SHA256', secret, "#{timestamp}.#{body}")}"
end

def request_for(mode, options)
  body = (options[:payload] || DEFAULT_PAYLOAD).to_json
  timestamp = Time.now.to_i
  timestamp -= options[:offset] if mode == 'stale'
  timestamp += options[:offset] if mode == 'future'
  key = case mode
        when 'wrong_secret' then "not-#{options[:secret]}"
        when 'identity_token' then options[:hmac_token]
        else options[:secret]
        end
  headers = {
    'Content-Type' => 'application/json',
    'Accept' => 'application/json',
    'X-Chatwoot-Timestamp' => timestamp.to_s,
    'X-Chatwoot-Signature' => signature(key, timestamp, body),
    'X-Chatwoot-Delivery' => SecureRandom.uuid
  }
  case mode
  when 'tampered_body' then body = body.sub('message_created', 'message_updated')
  when 'tampered_timestamp' then headers['X-Chatwoot-Timestamp'] = (timestamp - 1).to_s
  when 'missing_signature' then headers.delete('X-Chatwoot-Signature')
  when 'missing_timestamp' then headers.delete('X-Chatwoot-Timestamp')
  when 'missing_headers' then headers.reject! { |name, _| name.start_with?('X-Chatwoot-') }
  end
  [body, headers]
end

uri = URI(url)
options[:modes].each do |mode|
  body, headers = request_for(mode, options)
  response = Net::HTTP.start(uri.host, uri.port, use_ssl: uri.scheme == 'https',
                                                 open_timeout: 5, read_timeout: 5) do |http|
    request = Net::HTTP::Post.new(uri, headers)
    request.body = body
    http.request(request)
  end
  puts "#{mode} #{response.code} #{response.body.to_s.gsub(/\s+/, ' ').strip}"
rescue StandardError => e
  warn "chatwoot_sender.rb: #{mode}: #{e.class}: #{e.message}"
  exit 1
end
