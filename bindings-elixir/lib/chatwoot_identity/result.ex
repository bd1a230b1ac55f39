defmodule ChatwootIdentity.Result do
  # Turns what a NIF answered into what the public functions return or raise. The NIFs never
  # raise themselves: an exception raised inside a NIF would carry its arguments (the secret,
  # usually) in the stacktrace, and so into crash reports. Raised here, it carries none.
  @moduledoc false

  @doc "`{:ok, value}` or `{:error, %ChatwootIdentity.Error{}}`; raises for a bad argument."
  def ok({:ok, _} = ok), do: ok
  def ok({:error, _} = error), do: error
  def ok(failure), do: raise_failure(failure)

  @doc "The value, or raises the error."
  def value!({:ok, value}), do: value
  def value!({:error, error}), do: raise(error)
  def value!(failure), do: raise_failure(failure)

  defp raise_failure({:argument_error, message}), do: raise(ArgumentError, message)
  defp raise_failure({:internal_error, message}), do: raise(RuntimeError, message)
end
