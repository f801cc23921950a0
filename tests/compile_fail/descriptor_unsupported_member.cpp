// expect: erpoll: unsupported member type in a resource descriptor
// expect: check_member_type
#include <erpoll/erpoll.hpp>

#include <map>

struct Unsupported {
  static constexpr erpoll::fixed_string name = "x";
  static constexpr erpoll::fixed_string url = "/x";
  BOOST_HANA_DEFINE_STRUCT(Unsupported, (erpoll::id_field<>, id), (erpoll::updated_field<"seconds">, updated),
                           (const char*, title));
};

int main() { return static_cast<int>(erpoll::resource_traits<Unsupported>::member_count); }
