defmodule ChatwootIdentity.InstallationTest do
  # A fresh Mix project that depends on this one by path, as a Phoenix app would, builds and
  # loads the NIF with no Hex and no network: MIX_HOME is an empty folder (so no Hex archive
  # either) and HEX_OFFLINE is set.
  use ExUnit.Case, async: true

  alias ChatwootIdentity.Test.Support

  @moduletag :tmp_dir
  @moduletag timeout: 300_000

  test "a project depending on the package by path compiles it offline and hashes", %{
    tmp_dir: dir
  } do
    package = Path.expand("..", __DIR__)
    app = Path.join(dir, "my_app")
    File.mkdir_p!(Path.join(app, "lib"))

    File.write!(Path.join(app, "mix.exs"), """
    defmodule MyApp.MixProject do
      use Mix.Project

      def project do
        [app: :my_app, version: "0.1.0", deps: [{:chatwoot_identity, path: #{inspect(package)}}]]
      end
    end
    """)

    script = """
    IO.puts(ChatwootIdentity.identifier_hash!(#{inspect(Support.docs_secret())}, #{inspect(Support.docs_identifier())}))
    """

    env = [
      {"MIX_ENV", "prod"},
      {"MIX_HOME", Path.join(dir, "mix-home")},
      {"HEX_OFFLINE", "1"},
      {"CARGO_NET_OFFLINE", "true"}
    ]

    {output, status} =
      System.cmd("mix", ["run", "-e", script], cd: app, env: env, stderr_to_stdout: true)

    assert status == 0, output
    assert output |> String.split("\n", trim: true) |> List.last() == Support.docs_hash(), output

    assert File.exists?(
             Path.join(
               app,
               "_build/prod/lib/chatwoot_identity/priv/native/chatwoot_identity_nif.so"
             )
           )
  end

  test "the package's version is the workspace's" do
    cargo = File.read!(Path.join(Support.root(), "Cargo.toml"))
    [_, workspace_version] = Regex.run(~r/\[workspace\.package\]\nversion = "([^"]+)"/, cargo)
    assert Mix.Project.config()[:version] == workspace_version
  end
end
