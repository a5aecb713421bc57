// The Snowball stemmers, as Debian's libstemmer-dev installs them.
#include <libstemmer.h>
