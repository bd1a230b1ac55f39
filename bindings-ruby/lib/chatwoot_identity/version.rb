# frozen_string_literal: true

module ChatwootIdentity
  # The gem's version; always the version of the Rust crates it is built from.
  VERSION = "0.1.0"
end
