defmodule ChatwootIdentity.ReadmeTest do
  # Runs the examples of this package's README and of the repository's, as pasted, in order,
  # one binding per file (later blocks use what earlier ones bound):
  #   ```elixir  code; a line `expr # => value` must evaluate to that value, and a block that
  #              starts with `iex>` is a session whose every result must equal what follows it.
  #              A `# config/...` block is read by Config.Reader into the application env; the
  #              `# mix.exs` fragment is what installation_test.exs does with the real path.
  #   ```heex    rendered with a Phoenix.HTML-like engine (test/support/safe_engine.ex) for a
  #              visitor and for a signed-in user.
  # Phoenix cannot be installed here (no Hex): `use MyAppWeb, :controller` gets the stand-in
  # below, with Phoenix's `json/2` contract, and `conn` is a map with `assigns`.
  use ExUnit.Case, async: false

  alias ChatwootIdentity.Test.{SafeEngine, Support}

  @readmes [
    package: Path.expand("../README.md", __DIR__),
    root: Path.join(Support.root(), "README.md")
  ]

  defmodule Controller do
    @moduledoc false
    def json(conn, data), do: Map.put(conn, :resp_json, data)
  end

  defmodule Web do
    @moduledoc false
    defmacro __using__(:controller), do: quote(do: import(ChatwootIdentity.ReadmeTest.Controller))
  end

  @signed_in %{id: 42, name: "Ada", email: "ada@example.com"}

  def blocks(markdown) do
    {blocks, _} =
      markdown
      |> String.split("\n")
      |> Enum.with_index(1)
      |> Enum.reduce({[], nil}, fn
        {"```" <> language, number}, {blocks, nil} when language in ["elixir", "heex"] ->
          {blocks, {language, number + 1, []}}

        {"```" <> _, _}, {blocks, {language, line, lines}} ->
          {[{language, line, Enum.join(Enum.reverse(lines), "\n")} | blocks], nil}

        {text, _}, {blocks, {language, line, lines}} ->
          {blocks, {language, line, [text | lines]}}

        _, state ->
          state
      end)

    Enum.reverse(blocks)
  end

  test "the block finder finds elixir and heex blocks with their first line" do
    markdown = "a\n```elixir\nx = 1\n```\n```sh\nls\n```\n```heex\n<%= 1 %>\n```\n"
    assert blocks(markdown) == [{"elixir", 3, "x = 1"}, {"heex", 9, "<%= 1 %>"}]
  end

  test "a wrong expectation fails" do
    assert_raise ExUnit.AssertionError, fn -> run_code("1 + 1 # => 3", [], "inline", 1) end
    assert_raise ExUnit.AssertionError, fn -> run_code("iex> 1 + 1\n3", [], "inline", 1) end
  end

  test "the package README has examples of each kind" do
    kinds = @readmes[:package] |> File.read!() |> blocks() |> Enum.map(&elem(&1, 0))
    assert Enum.count(kinds, &(&1 == "elixir")) >= 6 and "heex" in kinds
  end

  for {name, path} <- @readmes do
    test "the #{name} README's examples run", do: run_readme(unquote(path))
  end

  defp run_readme(path) do
    Code.put_compiler_option(:ignore_module_conflict, true)
    System.put_env("CHATWOOT_HMAC_SECRET", Support.docs_secret())
    System.put_env("CHATWOOT_WEBHOOK_SECRET", "Sx5GdKjW7rvbcaQ8JtUmHn2p")

    path
    |> File.read!()
    |> blocks()
    |> Enum.reduce([], fn
      {"elixir", line, code}, binding -> run_block(code, binding, path, line)
      {"heex", line, template}, binding -> render(template, "#{path}:#{line}") && binding
    end)

    if path == @readmes[:package], do: check_the_phoenix_example()
  after
    Code.put_compiler_option(:ignore_module_conflict, false)
    System.delete_env("CHATWOOT_HMAC_SECRET")
    System.delete_env("CHATWOOT_WEBHOOK_SECRET")
  end

  defp run_block("# mix.exs" <> _, binding, _path, _line), do: binding

  defp run_block("# config/" <> _ = code, binding, path, _line) do
    for {app, env} <- Config.Reader.eval!(path, code), do: Application.put_all_env([{app, env}])
    binding
  end

  # A block that needs Plug (not installable here) is parsed, not run; what it calls is run by
  # the blocks after it, with the arguments Plug would give.
  defp run_block(code, binding, path, line) do
    if code |> String.split("\n", parts: 2) |> hd() |> String.contains?("(needs Plug") do
      Code.string_to_quoted!(code, file: path, line: line)
      assert code =~ "MyApp.ChatwootWebhook.verify(body, conn.req_headers)", "#{path}:#{line}"
      binding
    else
      run_plain(code, binding, path, line)
    end
  end

  # Phoenix apps have Jason; here the suite's own JSON decoder stands in for it.
  defp run_plain(code, binding, path, line) do
    code =
      code
      |> String.replace(
        "use MyAppWeb, :controller",
        "use ChatwootIdentity.ReadmeTest.Web, :controller"
      )
      |> String.replace("Jason.decode!(", "ChatwootIdentity.Test.JSON.decode!(")

    run_code(code, binding, path, line)
  end

  def run_code("iex>" <> _ = session, binding, path, line) do
    session
    |> String.split(~r/\n(?=iex>)/)
    |> Enum.reduce(binding, fn step, binding ->
      [input | expected] = String.split(step, "\n")
      {code, expected} = continued(String.replace_prefix(input, "iex> ", ""), expected)
      {value, binding} = Code.eval_string(code, binding, file: path, line: line)

      if expected != [] do
        {wanted, _} = Code.eval_string(Enum.join(expected, "\n"), binding, file: path, line: line)
        assert value == wanted, "#{path}:#{line}: #{code}"
      end

      binding
    end)
  end

  def run_code(code, binding, path, line) do
    code =
      Regex.replace(~r/^(\s*)(\S.*?)\s*# => (.+)$/m, code, fn _, indent, expr, expected ->
        "#{indent}ExUnit.Assertions.assert((#{expr}) == (#{expected}), #{inspect("#{path}: #{expr}")})"
      end)

    {_, binding} = Code.eval_string(code, binding, file: path, line: line)
    binding
  end

  defp continued(code, ["...> " <> more | rest]), do: continued(code <> "\n" <> more, rest)
  defp continued(code, expected), do: {code, Enum.reject(expected, &(&1 == ""))}

  # Each template for a visitor and for a signed-in user, the way Phoenix renders it.
  defp render(template, where) do
    for user <- [nil, @signed_in] do
      html =
        SafeEngine.render(template, conn: %{assigns: %{current_user: user, csp_nonce: "r4nd0m"}})

      assert length(Regex.scan(~r/<script/, html)) == 1, "#{where}: #{html}"
      assert length(Regex.scan(~r{</script>}, html)) == 1, where
      assert html =~ ~s(<script nonce="r4nd0m">), where

      if user != nil and html =~ "/packs/js/sdk.js" do
        assert html =~ Support.crypto_hash(Support.docs_secret(), "42"), where
      else
        # The loader's own comments name identifier_hash; a visitor's config carries none.
        refute html =~ ~s("identifier_hash":), where
      end
    end
  end

  # What the README's controller answers a signed-in user: the payload, with Chatwoot's hash.
  defp check_the_phoenix_example do
    controller = Module.concat(MyAppWeb, ChatwootController)
    conn = controller.user(%{assigns: %{current_user: @signed_in}}, %{})
    assert conn.resp_json["identifier"] == "42"
    assert conn.resp_json["identifier_hash"] == Support.crypto_hash(Support.docs_secret(), "42")
  end
end
