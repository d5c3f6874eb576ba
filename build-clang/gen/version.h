#define PK_VERSION "0.1.0"
