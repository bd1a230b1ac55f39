defmodule Mix.Tasks.Compile.ChatwootIdentityNif do
  @shortdoc "Builds the NIF (native/chatwoot_identity_nif) with cargo"
  @moduledoc """
  Builds the native library with cargo and copies it to `priv/native/`, where
  `ChatwootIdentity.Native` loads it with `:erlang.load_nif/2`. Offline: no Hex package, only
  cargo and the crates in Cargo.lock. `CARGO` names the cargo to run; cargo's own settings
  (`CARGO_TARGET_DIR`, ...) apply as usual.
  """
  use Mix.Task.Compiler

  @crate "chatwoot-identity-elixir"

  @impl true
  def run(_args) do
    native = Path.expand("native/chatwoot_identity_nif", __DIR__)
    cargo = System.get_env("CARGO", "cargo")
    # Cargo's messages go to stderr as usual; stdout carries JSON lines, one of which names the
    # library it built, wherever the target directory is.
    args =
      ~w(build --release --locked --quiet -p #{@crate} --message-format=json-render-diagnostics)

    case System.cmd(cargo, args, cd: native) do
      {messages, 0} ->
        install(built_library(messages))
        # Mix links priv/ into _build before compilers run; on a first build priv/ did not exist.
        Mix.Project.build_structure()
        {:ok, []}

      {_, status} ->
        Mix.raise("cargo build of #{@crate} failed (exit status #{status})")
    end
  end

  defp built_library(messages) do
    case Regex.run(~r/"filenames":\["([^"]*libchatwoot_identity_nif\.so)"/, messages) do
      [_, path] -> path
      nil -> Mix.raise("cargo built no libchatwoot_identity_nif.so")
    end
  end

  # Copied beside, then renamed: a running VM that has the old file mapped keeps it intact.
  defp install(built) do
    destination = Path.expand("priv/native/chatwoot_identity_nif.so", __DIR__)
    File.mkdir_p!(Path.dirname(destination))

    if File.read!(built) != (File.exists?(destination) && File.read!(destination)) do
      partial = destination <> ".partial"
      File.cp!(built, partial)
      File.rename!(partial, destination)
    end
  end
end

defmodule ChatwootIdentity.MixProject do
  use Mix.Project

  def project do
    [
      app: :chatwoot_identity,
      version: "0.1.0",
      elixir: "~> 1.14",
      description:
        "Compute, verify and explain Chatwoot identity-validation hashes (identifier_hash)",
      compilers: [:chatwoot_identity_nif | Mix.compilers()],
      elixirc_paths: elixirc_paths(Mix.env()),
      deps: [],
      package: [
        licenses: ["MIT", "Apache-2.0"],
        files: ~w(lib native mix.exs README.md)
      ]
    ]
  end

  # The package itself needs nothing; the tests check it against OTP's :crypto, render
  # templates with EEx and read crash reports from Logger.
  def application,
    do: [extra_applications: if(Mix.env() == :test, do: [:crypto, :eex, :logger], else: [])]

  defp elixirc_paths(:test), do: ["lib", "test/support"]
  defp elixirc_paths(_), do: ["lib"]
end
