# What the system says (src/messages/os.rs): an I/O error. English says the system's own words
# whatever the kind, as Rust writes them (`No such file or directory (os error 2)`); the kind
# picks another language's words. `code` is the system's error number, or `none`.

os-error = { $kind ->
   *[other] { $text }
}{ $code ->
    [none] {""}
   *[other] {" "}(os error { $code })
}
# A library's words around the system's (tempfile names its temp file).
os-error-at = { $error } at path { $path }
