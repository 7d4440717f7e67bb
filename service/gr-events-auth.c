/* georepd: the events webhook's authentication.
 *
 * glustereventsd sends "Authorization: Bearer X" to a webhook with a
 * token or a secret (gfevents/utils.py, publish_to_webhook): X is the
 * token itself, or a JWT signed with the secret. georepd registers its
 * webhook with one value of its own for both (gr-events-secret.h), so X
 * is either that value, compared in constant time, or a JWT it signed.
 * On Debian 12 (gluster 10.3) glustereventsd's JWT is broken (every post
 * with --secret fails before it is sent), so georepd registers the
 * bearer token unless told otherwise (README.md, "Gluster events"). */
#include <string.h>

#include "gr-error.h"
#include "gr-events-auth.h"
#include "gr-events-jwt.h"
#include "gr-events-secret.h"

#define SCHEME "Bearer "

gboolean
gr_events_auth_check (const char *authorization,
                      const char *token,
                      gint64 now,
                      GError **error)
{
  const char *credential;

  if (authorization == NULL)
    {
      g_set_error_literal (error, GR_ERROR, GR_ERROR_AUTHENTICATION_FAILED,
                           "No Authorization header");
      return FALSE;
    }
  /* The scheme's name is case-insensitive (RFC 7235). */
  if (g_ascii_strncasecmp (authorization, SCHEME, strlen (SCHEME)) != 0)
    {
      g_set_error_literal (error, GR_ERROR, GR_ERROR_AUTHENTICATION_FAILED,
                           "Not a bearer credential");
      return FALSE;
    }
  credential = authorization + strlen (SCHEME);
  if (gr_events_secret_matches (token, credential))
    return TRUE;
  if (strchr (credential, '.') != NULL)
    return gr_events_jwt_verify (credential, token, now, error);
  g_set_error_literal (error, GR_ERROR, GR_ERROR_AUTHENTICATION_FAILED,
                       "The bearer token is wrong");
  return FALSE;
}
