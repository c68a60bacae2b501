package inventory

// ECR sections: optional answers about the repositories that hold the
// images of container-image functions.
const (
	SecECRRepositories Section = "ecr/describe-repositories"
	SecECRImages       Section = "ecr/describe-images"
)

// ECRRepository is an Amazon ECR repository.
type ECRRepository struct {
	Name               string
	ARN                string
	URI                string
	RegistryID         string
	ImageTagMutability string // MUTABLE, IMMUTABLE, or one of them _WITH_EXCLUSION
	ScanOnPush         bool
	// Images are the repository's images; Known false when describe-images
	// was not collected for it.
	Images Maybe[[]ECRImage]
}

// ECRImage is one image of a repository.
type ECRImage struct {
	Digest   string // sha256:…
	Tags     []string
	PushedAt string
}

// ECRRepository returns the repository with the given name in r, or nil.
func (r *Region) ECRRepository(name string) *ECRRepository { return r.ECRRepositories[name] }

// AddECRRepository records a repository in r.
func (r *Region) AddECRRepository(repo *ECRRepository) {
	if r.ECRRepositories == nil {
		r.ECRRepositories = map[string]*ECRRepository{}
	}
	r.ECRRepositories[repo.Name] = repo
}
