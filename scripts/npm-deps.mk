# `make deps` for a folder with its own package.json and package-lock.json: installs the
# pinned npm packages with scripts/npm-install-locked.sh (npm ci, which fails on a stale
# lockfile), again only when either file changes (node_modules/.installed marks the install).
# Shared by the Node test folders' Makefiles, which include it after setting REPO and after
# their first target (a rule here would otherwise become their default goal).

INSTALLED := node_modules/.installed

.PHONY: deps
deps: $(INSTALLED)
$(INSTALLED): package.json package-lock.json
	$(REPO)/scripts/npm-install-locked.sh
	@touch $@
