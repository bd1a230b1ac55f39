# The slow checks (10,000,000 calls in fresh VMs) run unless excluded: mix test --exclude slow.
ExUnit.start()
