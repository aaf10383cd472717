"""Object storage (S3 API, django-storages), imported only when settings.file_storages chose it."""

from storages.backends.s3 import S3Storage


class PublicMediaStorage(S3Storage):
    """The public media bucket. Documents are the exception: Wagtail serves them through its
    view, which checks the collection's privacy, so where objects are made public by an ACL
    (AWS_DEFAULT_ACL) theirs is private (django-storages' documented `get_object_parameters`
    hook). Where the bucket's policy decides instead, it leaves out documents/ (README)."""

    def get_object_parameters(self, name):
        parameters = super().get_object_parameters(name)
        if self.default_acl and name.startswith("documents/"):
            parameters["ACL"] = "private"
        return parameters
