defmodule ChatwootIdentity.DocTest do
  # The iex> examples in the modules' documentation.
  use ExUnit.Case, async: true
  doctest ChatwootIdentity
end
