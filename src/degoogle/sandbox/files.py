"""A user's Nextcloud file tree: WsgiDAV's filesystem provider with Nextcloud's upload semantics.

What differs from plain WsgiDAV, each following Nextcloud's developer manual
(``client_apis/WebDAV/basic.rst``):

- PUT is atomic (see ``upload.PartFile``): a new file does not exist on disk until its whole body
  arrived, and an existing one is replaced in one rename. Plain WsgiDAV creates an empty file first and
  writes into the target directly, so an aborted upload leaves a truncated file.
- ``X-OC-MTime`` sets the file's mtime (answer header ``X-OC-MTime: accepted``); ``OC-Checksum`` is
  verified and stored as the dead property ``oc:checksums`` in Nextcloud's shape; an upload without a
  checksum drops the previous one. A successful PUT answers ``ETag``, ``OC-ETag`` and ``OC-FileId``.
- ``{DAV:}getetag`` is quoted, as Nextcloud sends it, and changes on every content change: it hashes
  inode, size, mtime and ctime (an atomic replace gives a new inode and ctime even when a client sets
  the same mtime on same-sized content). Folders get an etag from their own stat, which changes when a
  direct child is added, removed or replaced; unlike Nextcloud it does not propagate to ancestors.
- Live properties ``oc:size`` (a folder's is the size of everything below it, from the cached
  ``quota.TreeSizes``, so listing the root does not walk the tree), ``oc:fileid``,
  ``oc:id`` (``<8-digit padded id><instance id>``, also the ``OC-FileId`` header) and
  ``oc:permissions``. The file id is the inode: it follows a file through MOVE, but, unlike Nextcloud's,
  an overwrite gives a new id (the atomic replace makes a new inode).
- A folder answers ``{DAV:}quota-used-bytes`` (its size) and ``{DAV:}quota-available-bytes`` (the
  user's free space, -3 when the quota is unlimited) when asked for them by name, as Nextcloud's
  ``Directory::getQuotaInfo`` gives them (``basic.rst``, "Supported properties"). A PUT whose body
  arrived with no announced length and does not fit the quota is refused once received (507); one with
  a length is refused before by the gateway (see ``quota``).
- GET on a folder is 501 and HEAD on a folder is 200 with an empty body, as sabre/dav answers them
  (WsgiDAV without its HTML directory browser says 403; webdavclient3 checks folders with HEAD).
- Dead properties are keyed by the path inside the tree, not by the URL prefix, so
  ``/remote.php/dav/files/<user>/`` and the legacy ``/remote.php/webdav/`` see the same properties and
  locks.
"""

from __future__ import annotations

import hashlib
import logging
import os
import stat
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import quote

from wsgidav import util
from wsgidav.dav_error import HTTP_FORBIDDEN, HTTP_NOT_IMPLEMENTED, DAVError
from wsgidav.dav_provider import DAVNonCollection, _DAVResource
from wsgidav.fs_dav_provider import FileResource, FilesystemProvider, FolderResource
from wsgidav.mw.base_mw import BaseMiddleware
from wsgidav.xml_tools import etree

from degoogle.sandbox.quota import Quota, TreeSizes
from degoogle.sandbox.sabre import SabreError
from degoogle.sandbox.upload import Checksum, PartFile, parse_checksum_header, parse_mtime_header

log = logging.getLogger(__name__)

OC = "{http://owncloud.org/ns}"
CHECKSUMS = OC + "checksums"
#: environ key under which a resource leaves response headers for the gateway to add.
RESPONSE_HEADERS_KEY = "degoogle.sandbox.response_headers"

QUOTA_USED = "{DAV:}quota-used-bytes"
QUOTA_AVAILABLE = "{DAV:}quota-available-bytes"

_PROTECTED = frozenset(
    {CHECKSUMS, OC + "size", OC + "fileid", OC + "id", OC + "permissions", QUOTA_USED, QUOTA_AVAILABLE}
)


def stat_etag(st: os.stat_result) -> str:
    """An unquoted etag that changes whenever the file behind ``st`` is written or replaced."""
    key = f"{st.st_ino}:{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}"
    return hashlib.md5(key.encode(), usedforsecurity=False).hexdigest()


def file_id(st: os.stat_result, instance_id: str) -> str:
    """Nextcloud's ``oc:id`` / ``OC-FileId``: the padded numeric id (here the inode) and the instance id."""
    return f"{st.st_ino:08d}{instance_id}"


def tree_size(folder: str) -> int:
    """Total size in bytes of the regular files below ``folder`` (symlinks are not followed), walking
    it; the served tree uses the cached ``TreeSizes`` instead."""
    total = 0
    pending = [folder]
    while pending:
        with os.scandir(pending.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    pending.append(entry.path)
                elif entry.is_file(follow_symlinks=False):
                    total += entry.stat(follow_symlinks=False).st_size
    return total


def checksums_xml(checksum: Checksum) -> bytes:
    """``<oc:checksums><oc:checksum>SHA1:…</oc:checksum></oc:checksums>`` as Nextcloud returns it."""
    root = etree.Element(CHECKSUMS)
    etree.SubElement(root, OC + "checksum").text = str(checksum)
    return etree.tostring(root)


class _NextcloudNode(_DAVResource):
    """Behaviour shared by files and folders (mixed in before WsgiDAV's resource classes).

    Based on WsgiDAV's common resource class (which both FileResource and FolderResource derive
    from, so the method order is unchanged) so that ``super()`` and the inherited methods it uses
    are known to the type checker."""

    provider: NextcloudFilesProvider
    environ: dict[str, Any]
    file_stat: os.stat_result
    _file_path: str
    is_collection: bool

    def get_ref_url(self) -> str:
        """The key for dead properties and locks: the path inside the user's tree, quoted."""
        return quote(self.get_preferred_path())

    def get_etag(self) -> str:
        """The unquoted etag (WsgiDAV adds quotes in headers; ``getetag`` below adds them too)."""
        return stat_etag(self.file_stat)

    def file_id(self) -> str:
        """Nextcloud's ``oc:id`` / ``OC-FileId``: the padded numeric id followed by the instance id."""
        return file_id(self.file_stat, self.provider.instance_id)

    def get_property_value(self, name: str) -> Any:
        """A live property Nextcloud adds (see the module docstring), else WsgiDAV's answer, which
        raises ``DAVError(404)`` for a property the resource does not have."""
        if name == "{DAV:}getetag":
            return f'"{self.get_etag()}"'
        if name == OC + "size":
            return str(self.provider.sizes.subtree(self._file_path) if self.is_collection else self.file_stat.st_size)
        if name == OC + "fileid":
            return str(self.file_stat.st_ino)
        if name == OC + "id":
            return self.file_id()
        if name == OC + "permissions":
            return "RGDNVCK" if self.is_collection else "RGDNVW"
        if name in (QUOTA_USED, QUOTA_AVAILABLE) and self.is_collection:
            used, available = self.provider.quota.folder_properties(self._file_path)
            return str(used if name == QUOTA_USED else available)
        return super().get_property_value(name)

    def set_property_value(self, name: str, value: Any, *, dry_run: bool = False) -> Any:
        """PROPPATCH: stores dead properties; raises ``DAVError(403)`` for Nextcloud's protected ones."""
        if name in _PROTECTED:
            raise DAVError(HTTP_FORBIDDEN, f"{name} is a protected property")
        return super().set_property_value(name, value, dry_run=dry_run)


class NextcloudFile(_NextcloudNode, FileResource):
    """A file in the tree; with ``exists=False`` the target of a PUT that is not on disk yet."""

    def __init__(self, path: str, environ: dict[str, Any], file_path: str, *, exists: bool = True) -> None:
        if exists:
            super().__init__(path, environ, file_path)
        else:
            # FileResource.__init__ would stat the missing file; file_stat is set once the upload lands.
            DAVNonCollection.__init__(self, path, environ)
            self._file_path = file_path
            self.name = os.path.basename(file_path)
        self._upload: PartFile | None = None
        self._mtime: int | None = None

    def begin_write(self, *, content_type: str | None = None) -> PartFile:
        """Start receiving a PUT body into a part file. Raises ``DAVError(400)`` on a malformed
        ``X-OC-MTime`` or ``OC-Checksum`` header, before any of the body is read."""
        env = self.environ
        self._mtime = parse_mtime_header(env["HTTP_X_OC_MTIME"]) if "HTTP_X_OC_MTIME" in env else None
        checksum = parse_checksum_header(env["HTTP_OC_CHECKSUM"]) if "HTTP_OC_CHECKSUM" in env else None
        chunked = "chunked" in env.get("HTTP_TRANSFER_ENCODING", "").lower()
        length = env.get("CONTENT_LENGTH") or ""
        expected = int(length) if length.isdigit() and not chunked else None
        self._upload = PartFile(self.provider.new_part_path(), expected_length=expected, checksum=checksum)
        return self._upload

    def end_write(self, *, with_errors: bool) -> None:
        """Finish a PUT: discard it after an error, else verify and move it into place, update the
        stored checksum and leave ``OC-ETag``/``OC-FileId``/``X-OC-MTime`` for the response.
        Raises ``DAVError(400)`` when the body was short or its checksum does not match."""
        upload, self._upload = self._upload, None
        if upload is None:
            return
        if with_errors:
            upload.discard()
            return
        upload.verify()
        if upload.expected_length is None:
            # no announced length, so the gateway could not check the quota before the body came
            refusal = self.provider.quota.refusal(upload.received, "/" + self.path.strip("/"))
            if refusal is not None:
                upload.discard()
                raise SabreError(507, "Sabre\\DAV\\Exception\\InsufficientStorage", refusal)
        store = self.provider.prop_manager
        ref_url = self.get_ref_url()
        # Drop the old checksum before the new content lands: a crash in between must leave
        # "no checksum", never the previous content's checksum on the new bytes.
        store.remove_property(ref_url, CHECKSUMS)
        upload.move_to(Path(self._file_path), mtime=self._mtime)
        self.file_stat = os.stat(self._file_path)
        self.provider.sizes.file_written(self._file_path, self.file_stat.st_size)
        if upload.checksum is not None:
            store.write_property(ref_url, CHECKSUMS, checksums_xml(upload.checksum))
        headers = self.environ.setdefault(RESPONSE_HEADERS_KEY, [])
        headers += [("OC-ETag", f'"{self.get_etag()}"'), ("OC-FileId", self.file_id())]
        if self._mtime is not None:
            headers.append(("X-OC-MTime", "accepted"))


class NextcloudFolder(_NextcloudNode, FolderResource):
    """A folder in the tree."""

    def create_empty_resource(self, name: str) -> NextcloudFile:
        """For a PUT, a file resource that is created on disk only when its upload completes;
        otherwise (a LOCK on an unmapped URL) WsgiDAV's empty file."""
        if self.environ["REQUEST_METHOD"] != "PUT":
            return super().create_empty_resource(name)
        path = util.join_uri(self.path, name)
        file_path = self.provider._loc_to_file_path(path, self.environ)
        return NextcloudFile(path, self.environ, file_path, exists=False)


class NextcloudFilesProvider(FilesystemProvider):
    """WsgiDAV provider for one user's tree (``files_dir``); part files go to ``uploads_dir``, which
    must be on the same filesystem so that moving an upload into place is one atomic rename. ``sizes``
    caches folder sizes (a fresh cache when not given) and ``quota`` is the user's (unlimited when not
    given)."""

    def __init__(
        self,
        files_dir: Path,
        uploads_dir: Path,
        *,
        instance_id: str,
        sizes: TreeSizes | None = None,
        quota: Quota | None = None,
    ) -> None:
        super().__init__(str(files_dir), readonly=False, fs_opts={"follow_symlinks": False})
        self.uploads_dir = uploads_dir
        self.instance_id = instance_id
        self.sizes = sizes if sizes is not None else TreeSizes()
        self.quota = quota if quota is not None else Quota(files_dir, self.sizes)

    def new_part_path(self) -> Path:
        """A fresh, unused path for a part file."""
        return self.uploads_dir / f"{uuid.uuid4().hex}.part"

    def get_resource_inst(self, path: str, environ: dict[str, Any]) -> NextcloudFile | NextcloudFolder | None:
        """The file or folder at ``path`` (None when nothing is there). Raises ``DAVError(403)`` for a
        symlink or a path outside the tree."""
        file_path = self._loc_to_file_path(path, environ)
        try:
            mode = os.lstat(file_path).st_mode
        except FileNotFoundError:
            return None
        if stat.S_ISLNK(mode):
            raise DAVError(HTTP_FORBIDDEN, "Symlinks are not served")
        if stat.S_ISDIR(mode):
            return NextcloudFolder(path, environ, file_path)
        return NextcloudFile(path, environ, file_path)


class FolderGetHead(BaseMiddleware):
    """WsgiDAV middleware answering GET and HEAD on a folder the way sabre/dav (Nextcloud) does: GET is
    501 Not Implemented; HEAD turns that 501 into 200 with an empty body ("This breaks some clients
    though, so we're transforming these 501s into 200s", sabre's ``CorePlugin::httpHead``)."""

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        method = environ["REQUEST_METHOD"]
        provider = environ.get("wsgidav.provider")
        if method not in ("GET", "HEAD") or provider is None:
            return self.next_app(environ, start_response)
        res = provider.get_resource_inst(environ["PATH_INFO"], environ)
        if res is None or not res.is_collection:
            return self.next_app(environ, start_response)
        if method == "GET":
            raise DAVError(HTTP_NOT_IMPLEMENTED, "GET is only allowed on files")
        headers = [("Content-Type", "text/plain"), ("Content-Length", "0"), ("X-Sabre-Real-Status", "501")]
        start_response("200 OK", headers)
        return [b""]
