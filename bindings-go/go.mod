module github.com/chatwoot-identity/chatwoot-identity/bindings-go

go 1.24
