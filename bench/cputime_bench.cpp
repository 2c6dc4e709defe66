// link: kmsync_common_cfg
// The bench scripts' timer (not a benchmark by itself): runs one command and reports its CPU time and peak RSS
// as `/usr/bin/time -v -o FILE` does, but the CPU times to the microsecond. GNU time prints hundredths of a
// second, a 10 ms step that is 10-15 % of kcat's CPU on a 100k-message topic.
//
//   cputime_bench -o FILE COMMAND [ARG...]
//
// COMMAND keeps this process's stdin, stdout and stderr. When it ends, FILE gets GNU time -v's lines for what
// bench/lib.sh reads (user and system time from wait4(), which Linux derives from the task's nanosecond run
// time; peak RSS of the command, as GNU time reports it):
//   User time (seconds): 0.123456
//   System time (seconds): 0.012345
//   Maximum resident set size (kbytes): 51234
//   Exit status: 0
// Exits with COMMAND's status, 128 + the signal's number when a signal ended it, 127 when it could not be run.
#include <cerrno>
#include <cstdio>
#include <cstring>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

double seconds(const timeval &t)
{
    return double(t.tv_sec) + double(t.tv_usec) / 1e6;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 4 || std::strcmp(argv[1], "-o") != 0) {
        std::fprintf(stderr, "usage: cputime_bench -o FILE COMMAND [ARG...]\n");
        return 2;
    }
    const char *report = argv[2];
    const pid_t child = fork();
    if (child < 0) {
        std::fprintf(stderr, "cputime_bench: fork: %s\n", std::strerror(errno));
        return 127;
    }
    if (child == 0) {
        execvp(argv[3], argv + 3);
        std::fprintf(stderr, "cputime_bench: cannot run %s: %s\n", argv[3], std::strerror(errno));
        _exit(127);
    }
    int status = 0;
    rusage usage{};
    while (wait4(child, &status, 0, &usage) < 0) {
        if (errno != EINTR) {
            std::fprintf(stderr, "cputime_bench: wait4: %s\n", std::strerror(errno));
            return 127;
        }
    }
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    FILE *out = std::fopen(report, "w");
    if (!out) {
        std::fprintf(stderr, "cputime_bench: cannot write %s: %s\n", report, std::strerror(errno));
        return code != 0 ? code : 1;
    }
    std::fprintf(out,
                 "\tUser time (seconds): %.6f\n\tSystem time (seconds): %.6f\n"
                 "\tMaximum resident set size (kbytes): %ld\n\tExit status: %d\n",
                 seconds(usage.ru_utime), seconds(usage.ru_stime), usage.ru_maxrss, code);
    std::fclose(out);
    return code;
}
