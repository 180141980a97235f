import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { fieldMessages, problemCode, problemMessage } from './problem';

function problemResponse(status: number, body: unknown): HttpErrorResponse {
  return new HttpErrorResponse({
    status,
    error: body,
    headers: new HttpHeaders({ 'content-type': 'application/problem+json' }),
  });
}

function problem(status: number, code: string, detail: string, extras: object = {}) {
  return problemResponse(status, {
    type: `urn:peerpals:problem:${code}`,
    title: 'Error',
    status,
    detail,
    code,
    ...extras,
  });
}

describe('problemMessage', () => {
  it('should explain wrong credentials', () => {
    expect(problemMessage(problem(401, 'INVALID_CREDENTIALS', 'Invalid credentials'))).toBe(
      'The email or password is not right.',
    );
  });

  it('should explain an inactive account', () => {
    expect(problemMessage(problem(403, 'ACCOUNT_INACTIVE', 'Account inactive'))).toBe(
      'This account is not active. Please contact your programme coordinator.',
    );
  });

  it('should ask the user to wait when rate limited', () => {
    expect(problemMessage(problem(429, 'RATE_LIMITED', 'ThrottlerException'))).toBe(
      'Too many attempts. Please wait a minute and try again.',
    );
  });

  it('should treat a bare 429 as rate limited', () => {
    expect(problemMessage(problemResponse(429, null))).toBe('Too many attempts. Please wait a minute and try again.');
  });

  it('should join the field messages of a validation failure', () => {
    const error = problem(400, 'VALIDATION_FAILED', 'The request is not valid', {
      errors: [
        { field: 'email', message: 'email must be an email' },
        { field: 'password', message: 'Password is too short.' },
      ],
    });
    expect(problemMessage(error)).toBe('Email must be an email. Password is too short.');
  });

  it('should fall back to the detail of a validation failure without field messages', () => {
    expect(problemMessage(problem(400, 'VALIDATION_FAILED', 'The request is not valid'))).toBe(
      'The request is not valid.',
    );
  });

  it('should give the reason an admin may not take part in a reveal, and the rule', () => {
    const message = problemMessage(
      problem(
        409,
        'REVEAL_APPROVER_NOT_INDEPENDENT',
        'You cannot approve this reveal: you were made admin by the admin who asked for it.',
      ),
    );
    expect(message).toBe(
      'You cannot approve this reveal: you were made admin by the admin who asked for it. A reveal needs two independent admins: each made on the server (command line or single sign-on) or by another admin at least 7 days ago, and the one who approves not created, invited or made admin by the one who asked.',
    );
  });

  it('should say the server cannot be reached when the request never got an answer', () => {
    expect(problemMessage(new HttpErrorResponse({ status: 0, error: new ProgressEvent('error') }))).toBe(
      'Cannot reach PeerPals. Check your connection.',
    );
  });

  it('should explain the account and assignment conflicts, with the numbers the problem carries', () => {
    expect(
      problemMessage(
        problem(409, 'EMAIL_TAKEN', 'An account with the email a@b.c already exists.', { email: 'ada@uni.example' }),
      ),
    ).toBe('An account with ada@uni.example already exists.');
    expect(
      problemMessage(problem(409, 'MENTOR_AT_CAPACITY', 'This mentor already has 8 student(s).', { capacity: 8 })),
    ).toBe('This mentor is full (8 of 8 students). Raise their capacity or choose another mentor.');
    expect(
      problemMessage(problem(409, 'ROLE_CHANGE_BLOCKED', 'This person has 2 assignment(s).', { assignments: 2 })),
    ).toBe('This person still has 2 mentorship assignment(s). Remove them before changing the role.');
    expect(problemMessage(problem(409, 'ALREADY_ASSIGNED', 'x'))).toBe(
      'This student is already assigned to this mentor.',
    );
    expect(problemMessage(problem(409, 'OWN_ACCOUNT', 'x'))).toBe(
      'You cannot change the role of your own account or deactivate it. Ask another admin to do it.',
    );
  });

  it('should say what to do about a used invitation and an ended session', () => {
    expect(problemMessage(problem(400, 'INVITATION_INVALID', 'x'))).toContain(
      'Ask your programme coordinator to send you a new invitation.',
    );
    expect(problemMessage(problem(401, 'SESSION_EXPIRED', 'x'))).toBe('Your session has ended. Please sign in again.');
  });

  it('should name fields the way the form labels them', () => {
    const error = problem(400, 'VALIDATION_FAILED', 'The request is not valid', {
      errors: [
        { field: 'newPassword', message: 'newPassword must be at least 12 characters long' },
        { field: 'currentPassword', message: 'currentPassword is not your current password' },
      ],
    });
    expect(fieldMessages(error)).toEqual({
      newPassword: 'New password must be at least 12 characters long.',
      currentPassword: 'Current password is not your current password.',
    });
    expect(problemCode(error)).toBe('VALIDATION_FAILED');
    expect(fieldMessages(new Error('boom'))).toEqual({});
  });

  it('should use the detail for any other code', () => {
    expect(problemMessage(problem(409, 'SOME_FUTURE_RULE', 'You already have a pending request.'))).toBe(
      'You already have a pending request.',
    );
  });

  it('should read a problem that arrived as text', () => {
    const body = JSON.stringify({ status: 401, code: 'INVALID_CREDENTIALS', detail: 'Invalid credentials' });
    expect(problemMessage(problemResponse(401, body))).toBe('The email or password is not right.');
  });

  it('should never show a raw body', () => {
    expect(problemMessage(problemResponse(502, '<html>Bad gateway</html>'))).toBe(
      'Something went wrong. Please try again.',
    );
    expect(problemMessage(new Error('boom'))).toBe('Something went wrong. Please try again.');
  });
});
