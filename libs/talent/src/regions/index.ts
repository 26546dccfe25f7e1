export {
  BASE,
  EARTH_RADIUS_KM,
  RegionDirectory,
  distanceKm,
  regionDirectory,
  type LatLng,
  type Region,
  type RegionCoordinates,
  type RegionDistance,
  type RegionLevel,
} from './region-directory';
