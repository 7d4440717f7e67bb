/* Unit tests of the object path label scheme: stable and reversible. */
#include <gio/gio.h>

#include "gr-label.h"
#include "gr-names.h"

static void
test_escape_round_trip (void)
{
  const char *const texts[] = {
    "pvol",
    "a_b",
    "a-b",
    "fe80::1",
    "user@host.example",
    "_",
    "__x_",
    "\xc3\xa9t\xc3\xa9",
    "x y",
    NULL,
  };

  for (guint i = 0; texts[i]; i++)
    {
      g_autofree char *label = gr_label_escape (texts[i]);
      g_autofree char *back = gr_label_unescape (label);
      g_autofree char *path = g_strconcat ("/x/", label, NULL);

      g_assert_true (g_variant_is_object_path (path));
      g_assert_cmpstr (back, ==, texts[i]);
    }
}

static void
test_escape_stable (void)
{
  g_autofree char *label = gr_session_label ("pvol", "127.0.0.1", "svol");

  /* Clients may keep paths: the encoding must never change. */
  g_assert_cmpstr (label, ==, "pvol_3a_3a127_2e0_2e0_2e1_3a_3asvol");
}

static void
test_unescape_invalid (void)
{
  g_assert_null (gr_label_unescape ("a_zz"));
  g_assert_null (gr_label_unescape ("a_4"));
  g_assert_null (gr_label_unescape ("a_00"));
}

static void
test_session_label (void)
{
  const char *const cases[][3] = {
    { "pvol", "127.0.0.1", "svol" },
    { "p_v-1", "fe80::1", "s" },
    { "p", "::", "s" },
    { "p", "host.example.com", "s-v_2" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *label =
          gr_session_label (cases[i][0], cases[i][1], cases[i][2]);
      g_autofree char *path =
          gr_session_path (cases[i][0], cases[i][1], cases[i][2]);
      g_autofree char *primary = NULL, *host = NULL, *secondary = NULL;

      g_assert_true (g_variant_is_object_path (path));
      g_assert_true (g_str_has_prefix (path, GR_DBUS_PATH_SESSIONS "/"));
      g_assert_true (
          gr_session_label_parse (label, &primary, &host, &secondary));
      g_assert_cmpstr (primary, ==, cases[i][0]);
      g_assert_cmpstr (host, ==, cases[i][1]);
      g_assert_cmpstr (secondary, ==, cases[i][2]);
    }
}

static void
test_session_label_distinct (void)
{
  g_autofree char *a = gr_session_label ("p", "h", "s_x");
  g_autofree char *b = gr_session_label ("p_h", "s", "x");

  g_assert_cmpstr (a, !=, b);
}

static void
test_destination_path (void)
{
  g_autofree char *path = gr_destination_path ("root", "127.0.0.1");

  g_assert_true (g_variant_is_object_path (path));
  g_assert_cmpstr (path, ==,
                   GR_DBUS_PATH_DESTINATIONS "/root_40127_2e0_2e0_2e1");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/label/round-trip", test_escape_round_trip);
  g_test_add_func ("/label/stable", test_escape_stable);
  g_test_add_func ("/label/invalid", test_unescape_invalid);
  g_test_add_func ("/label/session", test_session_label);
  g_test_add_func ("/label/session-distinct", test_session_label_distinct);
  g_test_add_func ("/label/destination", test_destination_path);
  return g_test_run ();
}
