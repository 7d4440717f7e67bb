/* The events webhook's authentication (service/gr-events-auth.c,
 * gr-events-jwt.c): the bearer token, and gluster's JWT checked strictly
 * (algorithm, signature, expiry, issue time). One token comes from
 * Python's hmac and base64 (gfevents/utils.py's get_jwt_token, its
 * bytes/str mix-up fixed), the others from tests/gr-test-jwt.c. */
#include <string.h>

#include "gr-error.h"
#include "gr-events-auth.h"
#include "gr-events-jwt.h"
#include "gr-test-jwt.h"

#define SECRET                                                                 \
  "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define IAT G_GINT64_CONSTANT (1795469564)
#define HS256 GR_TEST_JWT_HS256

/* get_jwt_token (SECRET, "GEOREP_FAULTY", IAT) in Python. */
#define PYTHON_TOKEN                                                           \
  "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."                                      \
  "eyJleHAiOjE3OTU0Njk2MjQsImlhdCI6MTc5NTQ2OTU2NCwiaXNzIjoiZ2x1c3RlciIsInN1Yi" \
  "I6IkdFT1JFUF9GQVVMVFkifQ.5TS5mLggSBUH6SbEoTTZy-YSl5eZyfgE4aDQBKhEXrw"

static void
assert_refused (const char *token, gint64 now, const char *why)
{
  g_autoptr (GError) error = NULL;

  g_test_message ("%s", why);
  g_assert_false (gr_events_jwt_verify (token, SECRET, now, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_AUTHENTICATION_FAILED);
}

static void
assert_accepted (const char *token, gint64 now)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (gr_events_jwt_verify (token, SECRET, now, &error));
  g_assert_no_error (error);
}

static void
test_valid (void)
{
  g_autofree char *claims = gr_test_jwt_claims (IAT, IAT + 60);
  g_autofree char *token = gr_test_jwt_make (HS256, claims, SECRET);

  assert_accepted (PYTHON_TOKEN, IAT + 1);
  assert_accepted (token, IAT + 59);
  /* An event that waited in glustereventsd's queue: issued earlier. */
  {
    g_autofree char *late_claims = gr_test_jwt_claims (IAT - 200, IAT + 60);
    g_autofree char *late = gr_test_jwt_make (HS256, late_claims, SECRET);

    assert_accepted (late, IAT);
  }
}

static void
test_wrong_signature (void)
{
  g_autofree char *claims = gr_test_jwt_claims (IAT, IAT + 60);
  g_autofree char *other_secret =
      gr_test_jwt_make (HS256, claims, "not the secret");
  g_autofree char *flipped = g_strdup (PYTHON_TOKEN);
  g_autofree char *cut = g_strndup (PYTHON_TOKEN, strlen (PYTHON_TOKEN) - 4);
  char *last = flipped + strlen (flipped) - 2;

  *last = *last == 'A' ? 'B' : 'A';
  assert_refused (other_secret, IAT + 1, "signed with another secret");
  assert_refused (flipped, IAT + 1, "one character of the signature changed");
  assert_refused (cut, IAT + 1, "a signature too short");
  {
    /* The signature of the original claims on other claims. */
    g_autofree char *forged_claims =
        gr_test_jwt_claims (IAT + 1000, IAT + 1060);
    g_autofree char *c =
        gr_test_jwt_base64url (forged_claims, strlen (forged_claims));
    g_auto (GStrv) parts = g_strsplit (PYTHON_TOKEN, ".", 3);
    g_autofree char *forged =
        g_strdup_printf ("%s.%s.%s", parts[0], c, parts[2]);

    assert_refused (forged, IAT + 1001, "claims swapped");
  }
}

static void
test_expired (void)
{
  g_autofree char *far_claims = gr_test_jwt_claims (IAT, IAT + 100000);
  g_autofree char *far = gr_test_jwt_make (HS256, far_claims, SECRET);
  g_autofree char *future_claims = gr_test_jwt_claims (IAT + 3600, IAT + 3660);
  g_autofree char *future = gr_test_jwt_make (HS256, future_claims, SECRET);
  g_autofree char *old_claims = gr_test_jwt_claims (IAT - 3600, IAT + 60);
  g_autofree char *old = gr_test_jwt_make (HS256, old_claims, SECRET);
  g_autofree char *no_exp = gr_test_jwt_make (
      HS256, "{\"iat\":1795469564,\"iss\":\"gluster\"}", SECRET);
  g_autofree char *text_exp = gr_test_jwt_make (
      HS256, "{\"exp\":\"1795469624\",\"iat\":1795469564,\"iss\":\"gluster\"}",
      SECRET);
  g_autofree char *not_gluster = gr_test_jwt_make (
      HS256, "{\"exp\":1795469624,\"iat\":1795469564,\"iss\":\"x\"}", SECRET);

  assert_refused (PYTHON_TOKEN, IAT + 3600, "expired an hour ago");
  assert_refused (PYTHON_TOKEN, IAT + 60 + GR_EVENTS_JWT_SKEW, "just expired");
  assert_refused (far, IAT + 1, "valid for a day");
  assert_refused (future, IAT, "issued in an hour");
  assert_refused (old, IAT, "issued an hour ago");
  assert_refused (no_exp, IAT + 1, "no exp");
  assert_refused (text_exp, IAT + 1, "exp a string");
  assert_refused (not_gluster, IAT + 1, "another issuer");
}

static void
test_alg_none (void)
{
  g_autofree char *claims = gr_test_jwt_claims (IAT, IAT + 60);
  g_autofree char *c = gr_test_jwt_base64url (claims, strlen (claims));
  const char *none_header = "{\"alg\":\"none\",\"typ\":\"JWT\"}";
  g_autofree char *h =
      gr_test_jwt_base64url (none_header, strlen (none_header));
  g_autofree char *unsigned_token = g_strdup_printf ("%s.%s.", h, c);
  g_autofree char *signed_none = gr_test_jwt_make (none_header, claims, SECRET);
  const char *other_algs[] = {
    "{\"alg\":\"HS512\"}",  "{\"alg\":\"hs256\"}",
    "{\"alg\":\"HS256 \"}", "{\"alg\":[\"HS256\"]}",
    "{\"typ\":\"JWT\"}",    "{\"alg\":\"HS256\",\"typ\":\"JWE\"}"
  };

  assert_refused (unsigned_token, IAT + 1, "alg none, no signature");
  assert_refused (signed_none, IAT + 1, "alg none, signed all the same");
  for (gsize i = 0; i < G_N_ELEMENTS (other_algs); i++)
    {
      g_autofree char *token = gr_test_jwt_make (other_algs[i], claims, SECRET);

      assert_refused (token, IAT + 1, other_algs[i]);
    }
}

static void
test_garbled (void)
{
  g_autofree char *claims = gr_test_jwt_claims (IAT, IAT + 60);
  g_autofree char *array_header =
      gr_test_jwt_make ("[\"HS256\"]", claims, SECRET);
  g_autofree char *text_header = gr_test_jwt_make ("HS256", claims, SECRET);
  g_autofree char *array_claims = gr_test_jwt_make (HS256, "[1,2]", SECRET);
  g_autofree char *four = g_strconcat (PYTHON_TOKEN, ".x", NULL);
  const char *garbled[] = { "",
                            ".",
                            "..",
                            "a.b",
                            "!!!.eyJ9.abc",
                            "eyJhbGciOiJIUzI1NiJ9=.e30.abc",
                            "eyJhbGciOiJIUzI1NiJ9.e30.a+b/",
                            four,
                            array_header,
                            text_header,
                            array_claims };

  for (gsize i = 0; i < G_N_ELEMENTS (garbled); i++)
    assert_refused (garbled[i], IAT + 1, garbled[i]);
}

static void
assert_header (const char *header, gboolean accepted)
{
  g_autoptr (GError) error = NULL;

  g_test_message ("Authorization: %s", header ? header : "(none)");
  g_assert_cmpint (gr_events_auth_check (header, SECRET, IAT + 1, &error), ==,
                   accepted);
  if (!accepted)
    g_assert_error (error, GR_ERROR, GR_ERROR_AUTHENTICATION_FAILED);
}

/* The Authorization header as glustereventsd sends it. */
static void
test_header (void)
{
  g_autofree char *wrong = g_strdup ("Bearer " SECRET);

  wrong[strlen (wrong) - 1] = '0';
  assert_header ("Bearer " SECRET, TRUE);
  assert_header ("bearer " SECRET, TRUE);
  assert_header ("Bearer " PYTHON_TOKEN, TRUE);
  assert_header (NULL, FALSE);
  assert_header ("", FALSE);
  assert_header ("Bearer", FALSE);
  assert_header ("Bearer ", FALSE);
  assert_header (SECRET, FALSE);
  assert_header ("Basic " SECRET, FALSE);
  assert_header (wrong, FALSE);
  assert_header ("Bearer " SECRET "0", FALSE);
  assert_header ("Bearer  " SECRET, FALSE);
  assert_header ("Bearer " PYTHON_TOKEN "x", FALSE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/events-auth/jwt/valid", test_valid);
  g_test_add_func ("/events-auth/jwt/wrong-signature", test_wrong_signature);
  g_test_add_func ("/events-auth/jwt/expired", test_expired);
  g_test_add_func ("/events-auth/jwt/alg-none", test_alg_none);
  g_test_add_func ("/events-auth/jwt/garbled", test_garbled);
  g_test_add_func ("/events-auth/header", test_header);
  return g_test_run ();
}
