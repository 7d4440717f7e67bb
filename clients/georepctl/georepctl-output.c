/* georepctl: what people and programs read: aligned tables, colour (only
 * on a terminal and never under NO_COLOR), times and JSON. */
#include <stdarg.h>
#include <unistd.h>

#include "georepctl.h"

#define ANSI_BOLD "\033[1m"
#define ANSI_RED "\033[31m"
#define ANSI_GREEN "\033[32m"
#define ANSI_YELLOW "\033[33m"
#define ANSI_NORMAL "\033[0m"

struct CtlTable {
  guint n_columns;
  GStrv headers;
  GPtrArray *rows; /* of GStrv */
  gboolean *right;
  CtlColorizer *colorizers;
};

/* no-color.org: a NO_COLOR that is present and not empty disables
 * colour, whatever its value. */
gboolean
ctl_color_enabled (void)
{
  static int enabled = -1;

  if (enabled < 0)
    {
      const char *no_color = g_getenv ("NO_COLOR");
      const char *term = g_getenv ("TERM");

      enabled = isatty (STDOUT_FILENO) &&
                (no_color == NULL || *no_color == '\0') &&
                g_strcmp0 (term, "dumb") != 0;
    }
  return enabled;
}

const char *
ctl_color_reset (void)
{
  return ctl_color_enabled () ? ANSI_NORMAL : "";
}

/* Session and worker states (gluster capitalises the latter) and the
 * Passwordless state of destinations. NULL: no colour. */
const char *
ctl_status_color (const char *status)
{
  g_autofree char *lower = g_ascii_strdown (status, -1);

  if (!ctl_color_enabled ())
    return NULL;
  if (g_str_has_prefix (lower, "active") || g_str_equal (lower, "ok"))
    return ANSI_GREEN;
  if (g_str_has_suffix (lower, "faulty") || g_str_equal (lower, "failed"))
    return ANSI_RED;
  if (g_str_has_prefix (lower, "initializing") || g_str_equal (lower, "paused"))
    return ANSI_YELLOW;
  return NULL;
}

const char *
ctl_health_color (const char *health)
{
  if (!ctl_color_enabled ())
    return NULL;
  if (g_str_equal (health, "ok"))
    return ANSI_GREEN;
  if (g_str_equal (health, "empty-files") || g_str_equal (health, "mismatch"))
    return ANSI_RED;
  return NULL;
}

CtlTable *
ctl_table_new (guint n_columns, const char *const *headers)
{
  CtlTable *table = g_new0 (CtlTable, 1);

  table->n_columns = n_columns;
  table->headers = g_new0 (char *, n_columns + 1);
  for (guint i = 0; i < n_columns; i++)
    table->headers[i] = g_strdup (headers[i]);
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  table->right = g_new0 (gboolean, n_columns);
  table->colorizers = g_new0 (CtlColorizer, n_columns);
  return table;
}

void
ctl_table_free (CtlTable *table)
{
  g_strfreev (table->headers);
  g_ptr_array_unref (table->rows);
  g_free (table->right);
  g_free (table->colorizers);
  g_free (table);
}

void
ctl_table_add_row (CtlTable *table, const char *const *cells)
{
  GStrv row = g_new0 (char *, table->n_columns + 1);

  for (guint i = 0; i < table->n_columns; i++)
    row[i] = g_strdup (cells[i] ? cells[i] : "");
  g_ptr_array_add (table->rows, row);
}

void
ctl_table_align_right (CtlTable *table, guint column)
{
  g_return_if_fail (column < table->n_columns);
  table->right[column] = TRUE;
}

void
ctl_table_set_colorizer (CtlTable *table, guint column, CtlColorizer color_for)
{
  g_return_if_fail (column < table->n_columns);
  table->colorizers[column] = color_for;
}

guint
ctl_table_get_n_rows (CtlTable *table)
{
  return table->rows->len;
}

/* The columns to print, as indices: those of --output=, else all. */
static GArray *
shown_columns (CtlTable *table, CtlContext *ctx)
{
  GArray *columns = NULL;

  if (ctx->columns != NULL)
    columns = ctl_columns_parse (ctx->columns, table->n_columns,
                                 (const char *const *) table->headers, NULL);
  if (columns != NULL)
    return columns;
  columns = g_array_sized_new (FALSE, FALSE, sizeof (guint), table->n_columns);
  for (guint c = 0; c < table->n_columns; c++)
    g_array_append_val (columns, c);
  return columns;
}

static void
measure (CtlTable *table, gboolean legend, gsize *widths)
{
  for (guint c = 0; c < table->n_columns; c++)
    widths[c] = legend ? g_utf8_strlen (table->headers[c], -1) : 0;
  for (guint r = 0; r < table->rows->len; r++)
    {
      GStrv row = g_ptr_array_index (table->rows, r);

      for (guint c = 0; c < table->n_columns; c++)
        widths[c] = MAX (widths[c], (gsize) g_utf8_strlen (row[c], -1));
    }
}

static const char *
cell_color (CtlTable *table, guint c, const char *cell, gboolean header)
{
  if (header)
    return ctl_color_enabled () ? ANSI_BOLD : NULL;
  return table->colorizers[c] ? table->colorizers[c](cell) : NULL;
}

/* Pads by characters rather than bytes, and keeps the colour codes out
 * of the width; the last column is not padded on the right. */
static void
print_row (CtlTable *table,
           GArray *columns,
           const char *const *cells,
           const gsize *widths,
           gboolean header)
{
  g_autoptr (GString) line = g_string_new (NULL);

  for (guint i = 0; i < columns->len; i++)
    {
      guint c = g_array_index (columns, guint, i);
      gsize pad = widths[c] - g_utf8_strlen (cells[c], -1);
      const char *color = cell_color (table, c, cells[c], header);
      gboolean last = i + 1 == columns->len;

      if (i > 0)
        g_string_append (line, "  ");
      if (table->right[c])
        g_string_append_printf (line, "%*s", (int) pad, "");
      g_string_append_printf (line, "%s%s%s", color ? color : "", cells[c],
                              color ? ANSI_NORMAL : "");
      if (!table->right[c] && !last)
        g_string_append_printf (line, "%*s", (int) pad, "");
    }
  g_print ("%s\n", line->str);
}

/* With the header unless --no-legend or --legend=no; the columns of
 * --output=, checked beforehand by ctl_columns_ok (). */
void
ctl_table_print (CtlTable *table, CtlContext *ctx)
{
  g_autofree gsize *widths = g_new0 (gsize, table->n_columns);
  g_autoptr (GArray) columns = shown_columns (table, ctx);
  gboolean legend = !ctx->no_legend;

  measure (table, legend, widths);
  if (legend)
    print_row (table, columns, (const char *const *) table->headers, widths,
               TRUE);
  for (guint r = 0; r < table->rows->len; r++)
    print_row (table, columns, g_ptr_array_index (table->rows, r), widths,
               FALSE);
}

gboolean
ctl_columns_ok (CtlContext *ctx,
                guint n_headers,
                const char *const *headers,
                int *status)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) columns = NULL;
  g_autofree char *names = NULL;

  if (ctx->columns == NULL)
    return TRUE;
  if (g_str_equal (ctx->columns, "help"))
    {
      names = ctl_columns_list (n_headers, headers);
      g_strdelimit (names, ",", '\n');
      g_print ("%s\n", names);
      *status = CTL_EXIT_OK;
      return FALSE;
    }
  columns = ctl_columns_parse (ctx->columns, n_headers, headers, &error);
  if (columns != NULL)
    return TRUE;
  *status = ctl_usage (ctx, "%s", error->message);
  return FALSE;
}

void
ctl_print_count (CtlContext *ctx,
                 guint n,
                 const char *singular,
                 const char *plural)
{
  if (!ctx->no_legend)
    g_print ("\n%u %s listed.\n", n, n == 1 ? singular : plural);
}

/* Times are shown in the local time zone, as date(1) does; 0 means not
 * available. */
char *
ctl_format_time (guint64 seconds)
{
  g_autoptr (GDateTime) time = NULL;

  if (seconds == 0 || seconds > G_MAXINT64)
    return g_strdup ("-");
  time = g_date_time_new_from_unix_local ((gint64) seconds);
  if (time == NULL)
    return g_strdup ("-");
  return g_date_time_format (time, "%Y-%m-%d %H:%M:%S");
}

char *
ctl_format_time_us (guint64 microseconds)
{
  return ctl_format_time (microseconds / G_USEC_PER_SEC);
}

char *
ctl_format_count (guint64 value)
{
  return g_strdup_printf ("%" G_GUINT64_FORMAT, value);
}

/* --json=pretty indents, short is one line; a plain --json or -j was
 * resolved when parsed: pretty on a terminal, short for pipes. */
void
ctl_print_json (CtlContext *ctx, JsonNode *node)
{
  g_autofree char *text = ctl_json_to_text (node, ctx->json == CTL_JSON_PRETTY);

  g_print ("%s\n", text);
}

/* An a{sv} becomes an object with the same member names, so the JSON
 * keeps the D-Bus property names. @value may be floating. */
void
ctl_print_variant_json (CtlContext *ctx, GVariant *value)
{
  g_autoptr (JsonNode) node = ctl_json_from_variant (value);

  ctl_print_json (ctx, node);
}

/* The properties of each of @objects (of CtlObject), as an array. */
void
ctl_print_objects_json (CtlContext *ctx, GPtrArray *objects)
{
  g_autoptr (JsonArray) array = json_array_sized_new (objects->len);
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < objects->len; i++)
    json_array_add_element (
        array, ctl_json_from_variant (
                   ((CtlObject *) g_ptr_array_index (objects, i))->props));
  json_node_set_array (node, array);
  ctl_print_json (ctx, node);
}

/* The colour is decided on the real standard output, before a pager
 * takes its place (less shows the colours: LESS has R). */
void
ctl_output_start (CtlContext *ctx)
{
  (void) ctl_color_enabled ();
  if (!ctx->no_pager)
    ctl_pager_start ();
}

void
ctl_progress (CtlContext *ctx, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (!ctx->progress && !isatty (STDERR_FILENO))
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* ASCII dots: g_printerr () turns '…' into '?' in the C locale. */
  g_printerr ("%s...\n", message);
}
