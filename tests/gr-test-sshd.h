/* An OpenSSH server that a test runs itself, and the OpenSSH client
 * commands that check one. The server has a directory of its own, where
 * the test writes sshd_config and the host keys, and a log there,
 * sshd.log, that holds only its own connections. It dies with the test,
 * even when a failed assertion aborts it. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* By absolute path: sshd re-executes itself. */
#define GR_TEST_SSHD "/usr/sbin/sshd"

typedef struct {
  char *dir;     /* sshd_config, host keys, sshd.log; kept by clear */
  char *address; /* the one address it listens on, as in ListenAddress */
  guint16 port;
  GSubprocess *process; /* NULL while stopped */
} GrTestSshd;

/* A TCP port that is free on @address (IPv4) now. */
guint16 gr_test_free_port (const char *address);

/* A new key pair without passphrase at @path and @path.pub, in place of
 * any there. */
void gr_test_keygen (const char *type, const char *path);

/* The "SHA256:…" fingerprint of a public key, as `ssh-keygen -l` prints
 * it and as the service reports host keys. */
char *gr_test_key_fingerprint (const char *public_key);

/* The exit status of `ssh -p @port @user@@host true` with key login only,
 * the way gluster's ssh logs in: no agent, no known_hosts, no password;
 * @identity is the private key, or NULL for the caller's default ones. */
int gr_test_key_login_status (const char *host,
                              guint16 port,
                              const char *user,
                              const char *identity);

/* Takes @dir (which must exist) and @address, and picks a free port. */
void gr_test_sshd_init (GrTestSshd *sshd, const char *dir, const char *address);
/* Stops the server; the directory stays. */
void gr_test_sshd_clear (GrTestSshd *sshd);

/* A file in the server's directory. */
char *gr_test_sshd_path (const GrTestSshd *sshd, const char *name);

/* Starts `sshd -D -f DIR/sshd_config -E DIR/sshd.log` and returns once it
 * listens. @wrapper, if not NULL, is a command that gets sshd's command
 * line as its arguments and runs it (for instance in a namespace). */
void gr_test_sshd_start (GrTestSshd *sshd, const char *const *wrapper);
void gr_test_sshd_stop (GrTestSshd *sshd);

goffset gr_test_sshd_log_size (const GrTestSshd *sshd);
char *gr_test_sshd_log_since (const GrTestSshd *sshd, goffset offset);

G_END_DECLS
