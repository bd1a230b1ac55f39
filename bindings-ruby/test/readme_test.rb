# frozen_string_literal: true

require_relative "test_helper"

# Runs every ```ruby block of the gem's README and of the repository's README, in order, in one
# fresh binding per file (later blocks may use what earlier ones defined). A line ending in
# `# => value` must evaluate to that value.
class ReadmeTest < Minitest::Test
  include TestSupport

  READMES = {
    "gem" => File.expand_path("../README.md", __dir__),
    "root" => File.join(REPOSITORY_ROOT, "README.md")
  }.freeze

  # [first line number, code] for each ```ruby fence.
  def self.ruby_blocks(markdown)
    blocks = []
    current = nil
    markdown.each_line.with_index(1) do |line, number|
      if current.nil? && line.match?(/\A```ruby\s*\z/)
        current = [number + 1, +""]
      elsif current && line.start_with?("```")
        blocks << current
        current = nil
      elsif current
        current[1] << line
      end
    end
    blocks
  end

  def self.with_expectations(code)
    code.gsub(/^(\s*)(\S.*?)\s*# => (.+)$/) { "#{Regexp.last_match(1)}__expect__((#{Regexp.last_match(2)}), (#{Regexp.last_match(3)}))" }
  end

  def test_the_gem_readme_has_ruby_examples
    assert_operator self.class.ruby_blocks(File.read(READMES.fetch("gem"))).size, :>=, 3
  end

  def test_the_block_finder_finds_blocks
    markdown = "text\n```ruby\nx = 1\n```\n```sh\nls\n```\n```ruby\ny = 2 # => 2\n```\n"
    assert_equal [[3, "x = 1\n"], [9, "y = 2 # => 2\n"]], self.class.ruby_blocks(markdown)
    assert_equal "__expect__((y = 2), (2))", self.class.with_expectations("y = 2 # => 2")
  end

  def test_a_wrong_expectation_fails
    assert_raises(Minitest::Assertion) { run_readme_code(new_sandbox, "1 + 1 # => 3", "inline", 1) }
  end

  READMES.each do |name, path|
    define_method("test_#{name}_readme_examples_run") do
      skip "#{path} does not exist" if name == "root" && !File.exist?(path)
      sandbox = new_sandbox
      self.class.ruby_blocks(File.read(path)).each { |line, code| run_readme_code(sandbox, code, path, line) }
    end
  end

  private

  # Constants a block defines land in the sandbox's singleton class, visible to later blocks of
  # the same README and to nothing else.
  def new_sandbox
    sandbox = Object.new
    test = self
    sandbox.define_singleton_method(:__expect__) do |actual, expected|
      test.assert_equal expected, actual, "README example at #{caller_locations(1, 1).first}"
    end
    sandbox
  end

  def run_readme_code(sandbox, code, path, line)
    with_env("CHATWOOT_HMAC_SECRET" => DOCS_SECRET) do
      sandbox.instance_eval(self.class.with_expectations(code), path, line)
    end
  end

  def with_env(values)
    saved = values.keys.to_h { |key| [key, ENV.fetch(key, nil)] }
    values.each { |key, value| ENV[key] = value }
    yield
  ensure
    saved.each { |key, value| ENV[key] = value }
  end
end
