'use server'
import { cookies } from 'next/headers'
import users from './users.json'

// A stand-in for the app's own sign-in: the session is the name of a demo user in a cookie.
export async function logIn(name) {
  if (!Object.hasOwn(users, name)) throw new Error('no such user')
  ;(await cookies()).set('session', name, { httpOnly: true, sameSite: 'lax', path: '/' })
}

export async function logOut() {
  ;(await cookies()).delete('session')
}
