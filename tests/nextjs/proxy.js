import { NextResponse } from 'next/server'

// A fresh nonce per request and a CSP that allows scripts by nonce only. Next.js reads the
// nonce from the request's CSP header for its own scripts; the page reads it for the widget.
export function proxy(request) {
  const nonce = btoa(crypto.randomUUID())
  const csp = `script-src 'nonce-${nonce}' 'strict-dynamic'; object-src 'none'; base-uri 'none'`
  const headers = new Headers(request.headers)
  headers.set('content-security-policy', csp)
  const response = NextResponse.next({ request: { headers } })
  response.headers.set('content-security-policy', csp)
  return response
}

export const config = {
  matcher: [{ source: '/((?!_next/static|_next/image).*)' }],
}
