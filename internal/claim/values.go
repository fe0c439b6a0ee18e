package claim

// The values SPEC.md allows, in its order, for the callers that check
// input against the model (query filters, reviewers' corrections).
var (
	Kinds       = []Kind{Killed, Injured, Casualties, Missing, Displaced, Returned, Service}
	Qualifiers  = []Qualifier{Exact, AtLeast, AtMost, About, Range, Vague}
	Rates       = []string{RateDay, RateWeek, RateMonth, RateYear}
	Precisions  = []Precision{Day, Week, Month, Year}
	VictimsAll  = []Victims{Civilians, Children, Women, Combatants, SecurityForces, People}
	Causes      = []Cause{Mine, Airstrike, Shelling, BarrelBomb, Chemical, SuicideBombing, CarBomb, Explosion, Gunfire, Execution, Clashes, Siege, UnknownCause}
	SourceTypes = []SourceType{Government, Military, Monitor, UN, NGO, Media, Local, Unknown}
	// PlacePrecisions are those of a resolved place.
	PlacePrecisions = []Precision{"place", "near", "admin2", "admin1", "country", "region"}
	ServiceStatuses = []ServiceStatus{Absent, Disrupted, Restoring, Operating}
)
