-- A split image (LXD's metadata tarball + rootfs, two files) is kept as <fp> and <fp>.rootfs; a unified one as <fp>.
ALTER TABLE images ADD COLUMN split boolean NOT NULL DEFAULT false;
