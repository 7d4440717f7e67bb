/* georepd: checking gluster's JSON Web Token (RFC 7519).
 *
 * glustereventsd signs each post to a webhook added with --secret
 * (gfevents/utils.py, get_jwt_token): header {"alg":"HS256","typ":"JWT"},
 * claims {"exp": now + 60, "iat": the event's time, "iss": "gluster",
 * "sub": the event's name}, HMAC-SHA256 over "HEADER.CLAIMS" keyed with
 * the secret, each part base64url without padding. Only that form is
 * taken: an "alg" other than exactly "HS256" (above all "none", which
 * would make the signature optional) is refused before anything else is
 * looked at. GHmac computes the signature, GLib's base64 and json-glib
 * read the parts. */
#include <json-glib/json-glib.h>
#include <string.h>

#include "gr-error.h"
#include "gr-events-jwt.h"

#define TOKEN_MAX 4096
#define SHA256_LEN 32

static gboolean
refuse (GError **error, const char *why)
{
  g_set_error_literal (error, GR_ERROR, GR_ERROR_AUTHENTICATION_FAILED, why);
  return FALSE;
}

/* base64url without padding: its alphabet only, and a length that a
 * whole number of bytes can have. */
static gboolean
is_base64url (const char *part, gsize len)
{
  if (len == 0 || len % 4 == 1)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (part[i]) && part[i] != '-' && part[i] != '_')
      return FALSE;
  return TRUE;
}

/* The bytes of a base64url part, through GLib's base64 once the URL
 * alphabet is translated and the padding put back. */
static GBytes *
decode_part (const char *part, gsize len)
{
  g_autoptr (GString) text = g_string_new_len (part, (gssize) len);
  gsize out_len = 0;
  guchar *out;

  if (!is_base64url (part, len))
    return NULL;
  g_strdelimit (text->str, "-", '+');
  g_strdelimit (text->str, "_", '/');
  while (text->len % 4 != 0)
    g_string_append_c (text, '=');
  out = g_base64_decode (text->str, &out_len);
  return g_bytes_new_take (out, out_len);
}

static JsonObject *
parse_object (JsonParser *parser, const char *part, gsize len)
{
  g_autoptr (GBytes) bytes = decode_part (part, len);
  JsonNode *root;
  gsize size;
  const char *data;

  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &size);
  if (size == 0 || !g_utf8_validate (data, (gssize) size, NULL) ||
      !json_parser_load_from_data (parser, data, (gssize) size, NULL) ||
      (root = json_parser_get_root (parser)) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return json_node_get_object (root);
}

static const char *
string_member (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
int_member (JsonObject *object, const char *name, gint64 *value)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *value = json_node_get_int (node);
  return TRUE;
}

static gboolean
check_header (JsonObject *header, GError **error)
{
  const char *typ = string_member (header, "typ");

  if (g_strcmp0 (string_member (header, "alg"), "HS256") != 0)
    return refuse (error, "The token's algorithm is not HS256");
  if (json_object_has_member (header, "typ") && g_strcmp0 (typ, "JWT") != 0)
    return refuse (error, "The token's type is not JWT");
  return TRUE;
}

/* Compares in time that does not depend on where the digests differ. */
static gboolean
check_signature (const char *signed_part,
                 gsize signed_len,
                 const char *signature,
                 gsize signature_len,
                 const char *secret)
{
  g_autoptr (GBytes) given = decode_part (signature, signature_len);
  g_autoptr (GHmac) hmac =
      g_hmac_new (G_CHECKSUM_SHA256, (const guchar *) secret, strlen (secret));
  guint8 digest[SHA256_LEN];
  gsize digest_len = sizeof digest;
  const guint8 *bytes;
  gsize len = 0;
  guint8 diff = 0;

  if (given == NULL)
    return FALSE;
  bytes = g_bytes_get_data (given, &len);
  g_hmac_update (hmac, (const guchar *) signed_part, (gssize) signed_len);
  g_hmac_get_digest (hmac, digest, &digest_len);
  if (len != digest_len)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    diff |= bytes[i] ^ digest[i];
  return diff == 0;
}

static gboolean
check_claims (JsonObject *claims, gint64 now, GError **error)
{
  gint64 exp, iat;

  if (!int_member (claims, "exp", &exp) || !int_member (claims, "iat", &iat))
    return refuse (error, "The token has no exp or iat");
  if (exp <= now - GR_EVENTS_JWT_SKEW)
    return refuse (error, "The token has expired");
  if (exp > now + GR_EVENTS_JWT_LIFETIME_MAX + GR_EVENTS_JWT_SKEW)
    return refuse (error, "The token is valid for too long");
  if (iat > now + GR_EVENTS_JWT_SKEW ||
      iat < now - GR_EVENTS_JWT_AGE_MAX - GR_EVENTS_JWT_SKEW)
    return refuse (error, "The token's issue time is out of bounds");
  if (g_strcmp0 (string_member (claims, "iss"), "gluster") != 0)
    return refuse (error, "The token is not gluster's");
  return TRUE;
}

gboolean
gr_events_jwt_verify (const char *token,
                      const char *secret,
                      gint64 now,
                      GError **error)
{
  g_autoptr (JsonParser) header_parser = json_parser_new ();
  g_autoptr (JsonParser) claims_parser = json_parser_new ();
  const char *dot1, *dot2;
  JsonObject *header, *claims;

  if (strlen (token) > TOKEN_MAX || (dot1 = strchr (token, '.')) == NULL ||
      (dot2 = strchr (dot1 + 1, '.')) == NULL || strchr (dot2 + 1, '.'))
    return refuse (error, "Not a token of three parts");
  header = parse_object (header_parser, token, dot1 - token);
  if (header == NULL)
    return refuse (error, "The token's header is not a JSON object");
  if (!check_header (header, error))
    return FALSE;
  if (!check_signature (token, dot2 - token, dot2 + 1, strlen (dot2 + 1),
                        secret))
    return refuse (error, "The token's signature is wrong");
  claims = parse_object (claims_parser, dot1 + 1, dot2 - dot1 - 1);
  if (claims == NULL)
    return refuse (error, "The token's claims are not a JSON object");
  return check_claims (claims, now, error);
}
