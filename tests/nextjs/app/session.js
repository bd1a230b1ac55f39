'use client'
import { useRouter } from 'next/navigation'
import { logIn, logOut } from './actions'

// Logs in or out without a reload: the server component renders again with the new config.
export function Session({ flaw }) {
  const router = useRouter()
  const after = () => (flaw === 'full-reload' ? window.location.reload() : router.refresh())
  return (
    <nav>
      <button className="to-alice" onClick={() => logIn('alice').then(after)}>Log in as Alice</button>{' '}
      <button className="to-bob" onClick={() => logIn('bob').then(after)}>Log in as Bob</button>{' '}
      <button className="to-anonymous" onClick={() => logOut().then(after)}>Log out</button>
    </nav>
  )
}
