import { logout } from '../api/auth-api.js';
import { clearSession, currentSession, onSignInNeeded, resumeSession, type Session } from '../api/auth-headers.js';
import { showLoginPage } from './login-page.js';

/**
 * The session to work with: the one the refresh cookie still holds (a reload, a new tab), or a new
 * one from the log-in page. From then on a request the engine refuses with 401 gets a fresh token
 * from the cookie, or else brings the log-in page back, and is then sent again, so nothing being
 * edited is lost.
 */
export const ensureSignedIn = async (): Promise<Session> => {
  onSignInNeeded(async () => {
    const session = await showLoginPage('Your session has ended: sign in again to go on.');
    showSessionUser(session);
  });
  const session = currentSession() ?? (await resumeSession()) ?? (await showLoginPage());
  showSessionUser(session);
  return session;
};

/** Answers whether signing out may go on: a page with work not yet kept asks the user first. */
export type SignOutGuard = () => Promise<boolean>;

const signOutGuards: SignOutGuard[] = [];

/** A page registers what must happen before a sign-out (the modeler saves its draft, or asks). */
export const guardSignOut = (guard: SignOutGuard): void => {
  signOutGuards.push(guard);
};

const signOut = async (): Promise<void> => {
  for (const guard of signOutGuards) if (!(await guard())) return;
  // Reload only once the engine has ended the session: a reload would otherwise sign straight back in with the cookie.
  await logout();
  clearSession();
  location.reload();
};

/** The signed-in user and a sign-out button, at the end of the app header. */
const showSessionUser = (session: Session): void => {
  const header = document.querySelector('.app-header');
  if (header === null) return;
  header.querySelector('[data-role="session-user"]')?.remove();
  const badge = document.createElement('span');
  badge.className = 'session-user';
  badge.dataset.role = 'session-user';
  const name = document.createElement('span');
  name.dataset.role = 'session-name';
  name.textContent = session.user.displayName ?? session.user.name;
  name.title = `${session.user.name}: ${session.user.roles.join(', ')}`;
  const signOutButton = document.createElement('button');
  signOutButton.type = 'button';
  signOutButton.dataset.action = 'sign-out';
  signOutButton.textContent = 'Sign out';
  signOutButton.addEventListener('click', () => void signOut());
  badge.append(name, signOutButton);
  header.append(badge);
};
