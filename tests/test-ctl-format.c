/* Unit tests of how georepctl reads the options that shape its output:
 * --json=, --legend=, --output= and the pager's command line. */
#include "georepctl-format.h"
#include "georepctl-pager.h"

static void
assert_json_mode (const char *text, gboolean terminal, CtlJsonMode expected)
{
  g_autoptr (GError) error = NULL;
  CtlJsonMode mode = CTL_JSON_OFF;

  g_assert_true (ctl_json_mode_parse (text, terminal, &mode, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mode, ==, expected);
}

/* A plain --json and -j: pretty on a terminal, one line for a pipe, as
 * --json printed before it took a mode. */
static void
test_json_mode (void)
{
  g_autoptr (GError) error = NULL;
  CtlJsonMode mode = CTL_JSON_PRETTY;

  assert_json_mode (NULL, TRUE, CTL_JSON_PRETTY);
  assert_json_mode (NULL, FALSE, CTL_JSON_SHORT);
  assert_json_mode ("short", TRUE, CTL_JSON_SHORT);
  assert_json_mode ("pretty", FALSE, CTL_JSON_PRETTY);
  assert_json_mode ("off", TRUE, CTL_JSON_OFF);
  g_assert_false (ctl_json_mode_parse ("Pretty", TRUE, &mode, &error));
  g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
  g_assert_cmpstr (error->message, ==,
                   "--json takes short, pretty or off, not 'Pretty'");
  g_assert_cmpint (mode, ==, CTL_JSON_PRETTY);
}

static void
test_boolean (void)
{
  const char *const yes[] = { "yes", "YES", "true", "on", "1" };
  const char *const no[] = { "no", "False", "off", "0" };
  const char *const neither[] = { "", "y", "2", "yess" };
  gboolean value;

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    {
      value = FALSE;
      g_assert_true (ctl_boolean_parse (yes[i], &value, NULL));
      g_assert_true (value);
    }
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    {
      value = TRUE;
      g_assert_true (ctl_boolean_parse (no[i], &value, NULL));
      g_assert_false (value);
    }
  for (guint i = 0; i < G_N_ELEMENTS (neither); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_false (ctl_boolean_parse (neither[i], &value, &error));
      g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
    }
}

static const char *const headers[] = { "PRIMARY", "SECONDARY", "STATUS",
                                       "LAST SYNCED", "FAILURES" };

static char *
columns_text (const char *spec, GError **error)
{
  g_autoptr (GArray) columns =
      ctl_columns_parse (spec, G_N_ELEMENTS (headers), headers, error);
  g_autoptr (GString) text = g_string_new (NULL);

  if (columns == NULL)
    return NULL;
  for (guint i = 0; i < columns->len; i++)
    g_string_append_printf (text, "%s%u", i ? "," : "",
                            g_array_index (columns, guint, i));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* In the order given, any case, words joined by '-', '_' or a space. */
static void
test_columns (void)
{
  const char *const specs[][2] = {
    { "primary", "0" },
    { "status,primary", "2,0" },
    { "last-synced", "3" },
    { "LAST_SYNCED, Failures", "3,4" },
    { "last synced,secondary,primary,status,failures", "3,1,0,2,4" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *text = columns_text (specs[i][0], &error);

      g_assert_no_error (error);
      g_assert_cmpstr (text, ==, specs[i][1]);
    }
}

static void
assert_columns_error (const char *spec, const char *message)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = columns_text (spec, &error);

  g_assert_null (text);
  g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_columns_wrong (void)
{
  assert_columns_error ("primary,health",
                        "no column 'health'; the columns are "
                        "primary,secondary,status,last-synced,failures");
  assert_columns_error ("status,STATUS", "column 'STATUS' given twice");
  assert_columns_error ("primary,", "no column ''; the columns are "
                                    "primary,secondary,status,last-synced,"
                                    "failures");
  assert_columns_error ("", "--output needs at least one column");
}

static void
test_column_name (void)
{
  g_autofree char *name = ctl_column_name ("WHAT TO DO");
  g_autofree char *list = ctl_columns_list (G_N_ELEMENTS (headers), headers);

  g_assert_cmpstr (name, ==, "what-to-do");
  g_assert_cmpstr (list, ==, "primary,secondary,status,last-synced,failures");
}

static void
assert_pager (const char *systemd_pager, const char *pager, const char *argv)
{
  g_auto (GStrv) found = ctl_pager_argv (systemd_pager, pager);
  g_autofree char *joined = found ? g_strjoinv ("|", found) : NULL;

  g_assert_cmpstr (joined, ==, argv);
}

/* $SYSTEMD_PAGER before $PAGER, less when neither is set; "" and cat
 * mean none; a command line is split as the shell would, never run by
 * one. */
static void
test_pager_command (void)
{
  assert_pager (NULL, NULL, "less");
  assert_pager (NULL, "more", "more");
  assert_pager ("most", "more", "most");
  assert_pager (NULL, "less -R --shift 4", "less|-R|--shift|4");
  assert_pager ("'/opt/my pager' -x", NULL, "/opt/my pager|-x");
  assert_pager ("", "more", NULL);
  assert_pager (NULL, "cat", NULL);
  assert_pager (" cat ", NULL, NULL);
  assert_pager (NULL, "  ", NULL);
  assert_pager (NULL, "less 'unterminated", NULL);
}

static void
test_duration (void)
{
  const struct {
    gint64 seconds;
    const char *text;
  } cases[] = { { -1, "-" },      { 0, "0s" },       { 59, "59s" },
                { 303, "5m03s" }, { 7500, "2h05m" }, { 273600, "3d04h" } };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = ctl_format_duration (cases[i].seconds);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ctl-format/json-mode", test_json_mode);
  g_test_add_func ("/ctl-format/boolean", test_boolean);
  g_test_add_func ("/ctl-format/columns", test_columns);
  g_test_add_func ("/ctl-format/columns-wrong", test_columns_wrong);
  g_test_add_func ("/ctl-format/column-name", test_column_name);
  g_test_add_func ("/ctl-format/pager-command", test_pager_command);
  g_test_add_func ("/ctl-format/duration", test_duration);
  return g_test_run ();
}
