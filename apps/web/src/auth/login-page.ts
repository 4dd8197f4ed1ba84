import { login } from '../api/auth-api.js';
import { startSession, type Session } from '../api/auth-headers.js';
import { byRole } from '../ui/dom.js';
import { messageOf } from '../ui/error-message.js';
import { showStatus } from '../ui/status-line.js';
import './login-page.css';

const TEMPLATE = `
  <form class="login-form" data-role="login-form" novalidate>
    <h1>Tandem</h1>
    <p class="login-hint" data-role="login-hint">Sign in to design and deploy processes.</p>
    <label>Username <input name="username" data-role="login-username" autocomplete="username" required /></label>
    <label>Password <input name="password" data-role="login-password" type="password" autocomplete="current-password" required /></label>
    <div class="status" data-role="login-status" role="alert" hidden></div>
    <button type="submit" data-action="sign-in">Sign in</button>
  </form>`;

/**
 * The log-in page, over whatever the app shows: resolves with the session once the engine has
 * accepted the username and password, and is gone then.
 */
export const showLoginPage = (hint?: string): Promise<Session> =>
  new Promise((resolve) => {
    const screen = document.createElement('div');
    screen.className = 'login-screen';
    screen.dataset.role = 'login-page';
    screen.innerHTML = TEMPLATE;
    document.body.append(screen);
    const form = byRole<HTMLFormElement>(screen, 'login-form');
    const username = byRole<HTMLInputElement>(screen, 'login-username');
    const password = byRole<HTMLInputElement>(screen, 'login-password');
    const status = byRole(screen, 'login-status');
    const submit = form.querySelector('button') as HTMLButtonElement;
    if (hint !== undefined) byRole(screen, 'login-hint').textContent = hint;
    username.focus();

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (username.value.trim() === '' || password.value === '') {
        showStatus(status, 'error', 'Enter your username and password.');
        return;
      }
      submit.disabled = true;
      login(username.value.trim(), password.value)
        .then((session) => {
          startSession(session);
          screen.remove();
          resolve(session);
        })
        .catch((error: unknown) => {
          showStatus(status, 'error', messageOf(error));
          password.select();
        })
        .finally(() => {
          submit.disabled = false;
        });
    });
  });
