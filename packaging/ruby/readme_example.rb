# frozen_string_literal: true

# Usage: ruby readme_example.rb EXAMPLE.rb
# Runs a README example as pasted, and checks each `expression # => value` line's claim.
source = File.read(ARGV.fetch(0))
checked = source.lines.map do |line|
  expression, expected = line.chomp.split(/\s+# => /, 2)
  next line unless expected

  "(__actual = (#{expression})) == (#{expected}) or abort(\"README: #{expression.strip.dump[1..-2]} " \
    "gave \#{__actual.inspect}, not #{expected.dump[1..-2]}\")\n"
end
eval(checked.join, TOPLEVEL_BINDING, ARGV.fetch(0)) # rubocop:disable Security/Eval
puts "README example: #{checked.count { |line| line.include?("__actual") }} claim(s) hold"
