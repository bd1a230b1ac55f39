module github.com/chatwoot-identity/chatwoot-identity/bindings-c/go

go 1.24
