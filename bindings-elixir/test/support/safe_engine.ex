defmodule ChatwootIdentity.Test.SafeEngine do
  # An EEx engine with Phoenix.HTML's one rule for `<%= %>`: `{:safe, iodata}` is output as it
  # is, anything else is HTML-escaped. phoenix_html cannot be installed here (no Hex), so the
  # README's templates are rendered with this stand-in, which follows the same contract.
  @moduledoc false
  @behaviour EEx.Engine

  @impl true
  defdelegate init(options), to: EEx.Engine
  @impl true
  defdelegate handle_text(state, meta, text), to: EEx.Engine
  @impl true
  defdelegate handle_begin(state), to: EEx.Engine
  @impl true
  defdelegate handle_end(state), to: EEx.Engine

  @impl true
  def handle_body(state),
    do: quote(do: IO.iodata_to_binary(unquote(EEx.Engine.handle_body(state))))

  @impl true
  def handle_expr(state, "=", expr) do
    expr = Macro.prewalk(expr, &EEx.Engine.handle_assign/1)
    EEx.Engine.handle_expr(state, "=", quote(do: unquote(__MODULE__).to_iodata(unquote(expr))))
  end

  def handle_expr(state, marker, expr),
    do: EEx.Engine.handle_expr(state, marker, Macro.prewalk(expr, &EEx.Engine.handle_assign/1))

  def to_iodata({:safe, iodata}), do: iodata
  def to_iodata(nil), do: ""
  def to_iodata(value), do: value |> to_string() |> escape()

  defp escape(text) do
    for <<c <- text>>, into: "" do
      case c do
        ?< -> "&lt;"
        ?> -> "&gt;"
        ?& -> "&amp;"
        ?" -> "&quot;"
        ?' -> "&#39;"
        c -> <<c>>
      end
    end
  end

  @doc "Renders an EEx template (HEEx's `<%= %>` parts) with `assigns`."
  def render(template, assigns),
    do: EEx.eval_string(template, [assigns: assigns], engine: __MODULE__)
end
