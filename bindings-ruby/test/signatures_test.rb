# frozen_string_literal: true

require_relative "test_helper"
require "rbs"

# The RBS signatures shipped in sig/ declare exactly the public methods the gem defines.
class SignaturesTest < Minitest::Test
  def declarations
    path = File.join(Gem.loaded_specs.fetch("chatwoot_identity").gem_dir, "sig", "chatwoot_identity.rbs")
    parsed = RBS::Parser.parse_signature(File.read(path))
    parsed.is_a?(Array) && parsed.last.is_a?(Array) ? parsed.last : parsed # rbs 3 returns [buffer, dirs, decls]
  end

  # { "ChatwootIdentity::Signer" => { instance: [...], singleton: [...] } }
  def declared(decls = declarations, namespace = nil, table = {})
    decls.each do |decl|
      next unless decl.respond_to?(:members)
      next if decl.is_a?(RBS::AST::Declarations::Interface) # a type, not a Ruby constant

      name = [namespace, decl.name.to_s].compact.join("::")
      entry = table[name] = { instance: [], singleton: [] }
      decl.members.each do |member|
        case member
        when RBS::AST::Members::MethodDefinition
          next if member.name == :initialize # always private in Ruby

          entry[:instance] << member.name if %i[instance singleton_instance].include?(member.kind)
          entry[:singleton] << member.name if %i[singleton singleton_instance].include?(member.kind)
        when RBS::AST::Members::AttrReader then entry[:instance] << member.name
        end
      end
      declared(decl.members, name, table)
    end
    table
  end

  def test_every_public_method_is_declared_and_every_declared_method_exists
    table = declared
    assert_includes table.keys, "ChatwootIdentity::Signer"
    table.each do |name, methods|
      owner = Object.const_get(name)
      actual_instance = owner.is_a?(Class) ? owner.public_instance_methods(false) : []
      assert_equal methods[:instance].sort, actual_instance.sort, "#{name} instance methods" if owner.is_a?(Class)
      assert_equal methods[:singleton].sort, owner.singleton_methods(false).sort, "#{name} singleton methods"
    end
  end

  def test_every_error_class_is_declared_with_its_superclass
    error_classes = ChatwootIdentity.constants.map { |name| ChatwootIdentity.const_get(name) }
                                    .select { |value| value.is_a?(Class) && value < ChatwootIdentity::Error }
    assert_operator error_classes.size, :>=, 2
    declared_classes = declarations.flat_map(&:members).grep(RBS::AST::Declarations::Class)
    declared_errors = declared_classes.select { |decl| decl.super_class&.name.to_s == "Error" }
    assert_equal error_classes.map { |klass| klass.name.delete_prefix("ChatwootIdentity::") }.sort,
                 declared_errors.map { |decl| decl.name.to_s }.sort
  end
end
