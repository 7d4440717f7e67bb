/* Test helper: gluster's JSON Web Tokens (gr-test-jwt.h). */
#include <string.h>

#include "gr-test-jwt.h"

char *
gr_test_jwt_base64url (const char *data, gsize len)
{
  char *text = g_base64_encode ((const guchar *) data, len);
  char *end = strchr (text, '=');

  if (end != NULL)
    *end = '\0';
  g_strdelimit (text, "+", '-');
  g_strdelimit (text, "/", '_');
  return text;
}

static char *
sign (const char *signed_part, const char *secret)
{
  g_autoptr (GHmac) hmac =
      g_hmac_new (G_CHECKSUM_SHA256, (const guchar *) secret, strlen (secret));
  guint8 digest[32];
  gsize len = sizeof digest;

  g_hmac_update (hmac, (const guchar *) signed_part, -1);
  g_hmac_get_digest (hmac, digest, &len);
  return gr_test_jwt_base64url ((const char *) digest, len);
}

char *
gr_test_jwt_make (const char *header, const char *claims, const char *secret)
{
  g_autofree char *h = gr_test_jwt_base64url (header, strlen (header));
  g_autofree char *c = gr_test_jwt_base64url (claims, strlen (claims));
  g_autofree char *signed_part = g_strdup_printf ("%s.%s", h, c);
  g_autofree char *signature = sign (signed_part, secret);

  return g_strdup_printf ("%s.%s", signed_part, signature);
}

char *
gr_test_jwt_claims (gint64 iat, gint64 exp)
{
  return g_strdup_printf ("{\"exp\":%" G_GINT64_FORMAT
                          ",\"iat\":%" G_GINT64_FORMAT
                          ",\"iss\":\"gluster\",\"sub\":\"GEOREP_FAULTY\"}",
                          exp, iat);
}
