/* Test helper: JSON Web Tokens as glustereventsd makes them
 * (gfevents/utils.py, get_jwt_token), built here with GHmac. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "HEADER.CLAIMS.SIGNATURE" of @header and @claims (JSON texts), signed
 * with HMAC-SHA256 keyed with @secret, each part base64url. */
char *
gr_test_jwt_make (const char *header, const char *claims, const char *secret);

/* gluster's claims: {"exp", "iat", "iss": "gluster", "sub"}. */
char *gr_test_jwt_claims (gint64 iat, gint64 exp);

char *gr_test_jwt_base64url (const char *data, gsize len);

#define GR_TEST_JWT_HS256 "{\"alg\":\"HS256\",\"typ\":\"JWT\"}"

G_END_DECLS
