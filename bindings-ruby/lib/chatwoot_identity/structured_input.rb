# frozen_string_literal: true

require "json"

module ChatwootIdentity
  # A widget request, user or settings Hash as the JSON text the core reads. The core alone
  # knows the shapes: it names the path of a key it does not know, a value of the wrong type
  # or a missing field. This walk only makes sure that what reaches it is plain data, and
  # refuses the rest by path instead of letting `to_s` or `to_json` decide what a Time, a
  # BigDecimal or a model object becomes:
  #
  # - Hash (and its subclasses) with String or Symbol keys (`name:` and `"name" =>` are the
  #   same key; giving both is an ArgumentError);
  # - Array; String in UTF-8 or an encoding that converts to it; Symbol (its name: `:left` is
  #   `"left"`); Integer within 64 bits (RangeError beyond: JSON numbers are not exact there);
  #   finite Float; true, false, nil.
  #
  # Anything else (Float::NAN and infinities included: JSON has no such numbers) raises
  # {WrongTypeError}, whose code is `invalid_widget_request`, as the core's own wrong types.
  module StructuredInput
    # MAX_DEPTH, set by the extension from the core: deeper than any widget shape.
    INTEGERS = (-(2**63)...(2**64)).freeze
    PLAIN = "a Hash, an Array, a String, a Symbol, an Integer, a finite Float, true, false or nil"

    module_function

    # @param root [String] the parameter's name (`"user"`), or `""` for a whole request
    def json(value, root)
      JSON.generate(plain(value, root, 0))
    end

    def plain(value, path, depth)
      case value
      when String then text(value, path)
      when Symbol then text(value.name, path)
      when Integer then integer(value, path)
      when Float then value.finite? ? value : wrong_type(path, "Float #{value}", "a finite number (JSON has none other)")
      when true, false, nil then value
      when Hash then object(value, path, nested(depth, path))
      when Array then items(value, path, nested(depth, path))
      else wrong_type(path, named_class(value), PLAIN)
      end
    end

    # The depth of a Hash's or an Array's contents, refused past MAX_DEPTH as the core refuses
    # it in every other host (an Array that contains itself stops here, not in SystemStackError).
    def nested(depth, path)
      return depth + 1 if depth < MAX_DEPTH

      error = InvalidWidgetRequestError.new("#{where(path)}: nested more than #{MAX_DEPTH} levels deep")
      error.instance_variable_set(:@code, InvalidWidgetRequestError::CODE) # as the extension sets it
      raise error
    end

    def items(array, path, depth)
      array.each_with_index.map { |element, index| plain(element, "#{path}[#{index}]", depth) }
    end

    def object(hash, path, depth)
      hash.each_with_object({}) do |(key, value), object|
        name = key.is_a?(String) || key.is_a?(Symbol) ? text(key.to_s, path) : wrong_type(path, "#{key.class} key", "String or Symbol keys")
        raise ArgumentError, "#{where(path)}: the key #{name} is given twice, as a String and as a Symbol" if object.key?(name)

        object[name] = plain(value, path.empty? ? name : "#{path}.#{name}", depth)
      end
    end

    def text(string, path)
      utf8 = string.encoding == Encoding::UTF_8 ? string : string.encode(Encoding::UTF_8)
      return utf8 if utf8.valid_encoding?

      wrong_type(path, "String of bytes that are not valid UTF-8", "text")
    rescue EncodingError
      wrong_type(path, "String of bytes that do not convert to UTF-8 (#{string.encoding})", "text")
    end

    # `Struct.new(:a).new(1)` is a Struct.
    def named_class(value)
      named = value.class
      named = named.superclass until named.name
      named.name
    end

    def integer(value, path)
      return value if INTEGERS.cover?(value)

      raise RangeError, "#{where(path)}: Integer out of range: JSON carries integers of up to 64 bits exactly; " \
                        "pass a larger identifier as a String"
    end

    def wrong_type(path, kind, expected)
      raise WrongTypeError.new("#{where(path)}: invalid type: #{kind}, expected #{expected}",
                               InvalidWidgetRequestError::CODE)
    end

    # The core names the whole request `request`.
    def where(path)
      path.empty? ? "request" : path
    end
  end
  private_constant :StructuredInput
end
