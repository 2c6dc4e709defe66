// kmsync_i18n: the embedded translations (:/i18n/kmsync_<lang>.qm, see CMakeLists.txt). This file only gives the
// library a source of its own.
namespace kmsync::i18n {
int translationsLibrary()
{
    return 0;
}
} // namespace kmsync::i18n
