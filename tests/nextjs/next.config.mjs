// The native addon runs on the Node.js runtime, required at run time rather than bundled.
const nextConfig = {
  serverExternalPackages: ['chatwoot-identity'],
}

export default nextConfig
