//! The files an `index` run found, in the order it writes them, with their
//! paths packed into one buffer. Held one allocation each, with the folder
//! shared and the path kept again where it is not the key, a real corpus's
//! paths cost about 200 bytes a file: a fifth of a gigabyte for a million
//! files, held for the whole run. Packed, a path costs its bytes and eight.

use std::path::Path;

use rustc_hash::FxHashMap as HashMap;

use super::ingest::path_key;

/// The files found under the folders given, in walk order.
#[derive(Debug, Default)]
pub struct FoundFiles {
    /// Every key, one after the other.
    keys: String,
    /// Where each key ends in `keys`; it starts where the one before ends.
    ends: Vec<usize>,
    /// The path of a file whose key is not its path (a name that is not
    /// UTF-8), by position.
    raw_paths: HashMap<usize, Box<Path>>,
    /// Each folder given, as stored in the index, from the position of its
    /// first file on.
    roots: Vec<(usize, Box<str>)>,
}

/// One file of [`FoundFiles`].
#[derive(Clone, Copy, Debug)]
pub struct FoundFile<'a> {
    /// The path as stored in the index: see [`path_key`].
    pub key: &'a str,
    raw_path: Option<&'a Path>,
    /// The folder given that holds it, as stored in the index.
    pub root: &'a str,
}

impl<'a> FoundFile<'a> {
    pub fn path(&self) -> &'a Path {
        self.raw_path.unwrap_or_else(|| Path::new(self.key))
    }
}

impl FoundFiles {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn get(&self, at: usize) -> Option<FoundFile<'_>> {
        let root_at = self.roots.partition_point(|(first, _)| *first <= at);
        let (_, root) = self.roots.get(root_at.checked_sub(1)?)?;
        Some(FoundFile {
            key: packed_key(&self.keys, &self.ends, at)?,
            raw_path: self.raw_paths.get(&at).map(|path| &**path),
            root,
        })
    }

    pub fn iter(&self) -> impl Iterator<Item = FoundFile<'_>> + '_ {
        (0..self.len()).filter_map(|at| self.get(at))
    }

    /// Adds the files of the folder `root` (its key), sorted by key: the
    /// same folder is indexed in the same order whatever order the file
    /// system lists it in.
    pub fn add_folder(&mut self, root: &str, folder: FolderFiles) {
        let FolderFiles {
            keys,
            ends,
            mut raw_paths,
        } = folder;
        let key = |at: usize| packed_key(&keys, &ends, at).unwrap_or_default();
        let mut order: Vec<usize> = (0..ends.len()).collect();
        order.sort_by(|&a, &b| key(a).cmp(key(b)));
        self.roots.push((self.len(), root.into()));
        self.keys.reserve(keys.len());
        self.ends.reserve(ends.len());
        for at in order {
            self.push(key(at), raw_paths.remove(&at));
        }
    }

    /// Keeps the files at the positions where `keep` says so.
    pub fn retain(&mut self, keep: &[bool]) {
        if keep.iter().all(|&k| k) {
            return;
        }
        let mut kept = FoundFiles::default();
        for (at, file) in self.iter().enumerate() {
            if !keep.get(at).copied().unwrap_or(true) {
                continue;
            }
            if kept
                .roots
                .last()
                .is_none_or(|(_, root)| **root != *file.root)
            {
                kept.roots.push((kept.len(), file.root.into()));
            }
            kept.push(file.key, file.raw_path.map(Box::from));
        }
        *self = kept;
    }

    fn push(&mut self, key: &str, raw_path: Option<Box<Path>>) {
        if let Some(path) = raw_path {
            self.raw_paths.insert(self.len(), path);
        }
        self.keys.push_str(key);
        self.ends.push(self.keys.len());
    }
}

/// The key at `at` of keys packed one after the other in `keys`, each
/// ending at its entry of `ends`.
fn packed_key<'k>(keys: &'k str, ends: &[usize], at: usize) -> Option<&'k str> {
    let end = *ends.get(at)?;
    let start = match at.checked_sub(1) {
        Some(before) => *ends.get(before)?,
        None => 0,
    };
    keys.get(start..end)
}

/// The files of one folder as the walk meets them, packed like
/// [`FoundFiles`] but not yet sorted.
#[derive(Debug, Default)]
pub struct FolderFiles {
    keys: String,
    ends: Vec<usize>,
    raw_paths: HashMap<usize, Box<Path>>,
}

impl FolderFiles {
    pub fn push(&mut self, path: &Path) {
        let key = path_key(path);
        if Path::new(&key) != path {
            self.raw_paths.insert(self.ends.len(), path.into());
        }
        self.keys.push_str(&key);
        self.ends.push(self.keys.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(found: &FoundFiles) -> Vec<(&str, &str)> {
        found.iter().map(|file| (file.root, file.key)).collect()
    }

    #[test]
    fn folders_keep_their_order_and_each_sorts_its_files() {
        let mut found = FoundFiles::default();
        let mut first = FolderFiles::default();
        for path in ["/b/z.txt", "/b/a.txt", "/b/m/x.txt"] {
            first.push(Path::new(path));
        }
        found.add_folder("/b", first);
        let mut second = FolderFiles::default();
        second.push(Path::new("/a/c.txt"));
        found.add_folder("/a", second);
        assert_eq!(
            keys(&found),
            [
                ("/b", "/b/a.txt"),
                ("/b", "/b/m/x.txt"),
                ("/b", "/b/z.txt"),
                ("/a", "/a/c.txt")
            ]
        );
        assert_eq!(found.get(3).map(|f| f.path()), Some(Path::new("/a/c.txt")));
        assert!(found.get(4).is_none());

        found.retain(&[true, false, true, true]);
        assert_eq!(
            keys(&found),
            [("/b", "/b/a.txt"), ("/b", "/b/z.txt"), ("/a", "/a/c.txt")]
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_name_that_is_not_utf8_keeps_its_path_beside_its_key() {
        use std::ffi::OsStr;
        use std::os::unix::ffi::OsStrExt;
        let odd = Path::new(OsStr::from_bytes(b"/f/caf\xE9.txt"));
        let mut folder = FolderFiles::default();
        folder.push(odd);
        folder.push(Path::new("/f/b.txt"));
        let mut found = FoundFiles::default();
        found.add_folder("/f", folder);
        let odd_file = found.iter().find(|f| f.key.contains("\\xE9"));
        assert_eq!(odd_file.map(|f| f.path()), Some(odd));
        let plain = found.iter().find(|f| f.key == "/f/b.txt");
        assert_eq!(plain.map(|f| f.path()), Some(Path::new("/f/b.txt")));
        found.retain(&[false, true]);
        assert_eq!(found.get(0).map(|f| f.path()), Some(odd));
    }
}
