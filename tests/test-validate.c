/* Unit tests of caller input validation. */
#include "gr-error.h"
#include "gr-validate.h"

typedef gboolean (*Validator) (const char *, GError **);

static void
assert_valid (Validator validate, const char *input)
{
  g_autoptr (GError) error = NULL;

  if (!validate (input, &error))
    g_error ("'%s' refused: %s", input, error->message);
}

static void
assert_invalid (Validator validate, const char *input)
{
  g_autoptr (GError) error = NULL;

  if (validate (input, &error))
    g_error ("'%s' accepted", input);
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT);
}

/* What every string argument must survive. */
static const char *const hostile[] = {
  "",      "-x",   "--mode=interactive",
  "--xml", "a;b",  "a b",
  "$(id)", "`id`", "a|b",
  "a&b",   "a>b",  "a\nb",
  "a\tb",  "a/b",  "a\\b",
  "\"q\"", "'q'",  "a\xff",
  "..",    NULL,
};

static void
test_volume (void)
{
  g_autofree char *max = g_strnfill (64, 'v');
  g_autofree char *too_long = g_strnfill (65, 'v');
  g_autofree char *huge = g_strnfill (10240, 'v');

  assert_valid (gr_validate_volume, "pvol");
  assert_valid (gr_validate_volume, "Vol_1-b");
  assert_valid (gr_validate_volume, max);
  assert_invalid (gr_validate_volume, too_long);
  assert_invalid (gr_validate_volume, huge);
  assert_invalid (gr_validate_volume, "vol.1");
  assert_invalid (gr_validate_volume, "vol:1");
  for (guint i = 0; hostile[i]; i++)
    assert_invalid (gr_validate_volume, hostile[i]);
}

static void
test_host (void)
{
  g_autofree char *long_label = g_strnfill (64, 'h');
  g_autofree char *huge = g_strnfill (10240, 'h');

  assert_valid (gr_validate_host, "127.0.0.1");
  assert_valid (gr_validate_host, "::1");
  assert_valid (gr_validate_host, "fe80::1");
  assert_valid (gr_validate_host, "gluster-2.example.com");
  assert_valid (gr_validate_host, "node1");
  assert_invalid (gr_validate_host, "-node");
  assert_invalid (gr_validate_host, "node-");
  assert_invalid (gr_validate_host, "a..b");
  assert_invalid (gr_validate_host, "under_score");
  assert_invalid (gr_validate_host, long_label);
  assert_invalid (gr_validate_host, huge);
  assert_invalid (gr_validate_host, "fe80::1%eth0");
  assert_invalid (gr_validate_host, "root@host");
  assert_invalid (gr_validate_host, "host::vol");
  for (guint i = 0; hostile[i]; i++)
    assert_invalid (gr_validate_host, hostile[i]);
}

static void
test_user (void)
{
  assert_valid (gr_validate_user, "root");
  assert_valid (gr_validate_user, "geoaccount");
  assert_valid (gr_validate_user, "geo.rep_user-1");
  assert_invalid (gr_validate_user, "a234567890123456789012345678901234");
  assert_invalid (gr_validate_user, "user@host");
  for (guint i = 0; hostile[i]; i++)
    if (!g_str_equal (hostile[i], ".."))
      assert_invalid (gr_validate_user, hostile[i]);
}

static void
test_config_value (void)
{
  g_autofree char *huge = g_strnfill (10240, 'x');

  assert_valid (gr_validate_config_value, "");
  assert_valid (gr_validate_config_value, "4");
  assert_valid (gr_validate_config_value, "-oPasswordAuthentication=no -i /x");
  assert_valid (gr_validate_config_value, "a b $(c)");
  assert_invalid (gr_validate_config_value, "a\nb");
  assert_invalid (gr_validate_config_value, "a\tb");
  assert_invalid (gr_validate_config_value, "a\x1b[0m");
  assert_invalid (gr_validate_config_value, "a\xff");
  assert_invalid (gr_validate_config_value, huge);
}

static void
test_fingerprint (void)
{
  assert_valid (gr_validate_fingerprint,
                "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU");
  assert_invalid (gr_validate_fingerprint, "MD5:aa:bb");
  assert_invalid (gr_validate_fingerprint, "SHA256:short");
  assert_invalid (gr_validate_fingerprint,
                  "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuF;");
  assert_invalid (gr_validate_fingerprint, "");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/validate/volume", test_volume);
  g_test_add_func ("/validate/host", test_host);
  g_test_add_func ("/validate/user", test_user);
  g_test_add_func ("/validate/config-value", test_config_value);
  g_test_add_func ("/validate/fingerprint", test_fingerprint);
  return g_test_run ();
}
