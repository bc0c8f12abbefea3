/* auth.h: who is asking. Passwords, sessions (cookie), bearer API tokens,
   CSRF tokens. */
#ifndef ATIENDE_AUTH_H
#define ATIENDE_AUTH_H

#include <stddef.h>

#include "req.h"

#define SESSION_COOKIE "atiende_session"

/* Hashes a password with argon2id into out (crypto_pwhash_STRBYTES). 0 on success. */
int password_hash(char *out, size_t outlen, const char *password);
/* 1 when password matches the stored hash; runs a full verification even when
   hash is NULL (unknown login), so timing does not tell logins apart. */
int password_verify(const char *hash, const char *password);

/* A new random token, base64url (43 characters), in a. */
char *auth_random_token(struct arena *a);
/* Hex sha256 of s (64 characters), in a: what the database stores of tokens. */
char *auth_token_hash(struct arena *a, const char *s);

/* Fills r->user from the session cookie or the bearer token, if any.
   Returns DB_OK, or DB_DOWN when the database could not be asked. */
int auth_identify(struct req *r);

/* Fills r->user with the active user id. DB_OK, or a negative db status. */
int auth_load_user(struct req *r, long long id);

/* Starts a new session for user_id (a new id every time) and sets the cookie. */
int session_start(struct req *r, long long user_id);
/* Ends the current session and clears the cookie. */
void session_end(struct req *r);

/* 1 when the request carries the session's CSRF token (form field "csrf" or
   header X-CSRF-Token). */
int csrf_ok(const struct req *r);

/* Creates an API token for user_id; returns the token (shown once) or NULL. */
char *api_token_create(struct arena *a, long long user_id, const char *name);

#endif
