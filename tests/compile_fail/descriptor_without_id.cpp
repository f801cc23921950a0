// expect: erpoll: a resource descriptor needs exactly one erpoll::id_field member
#include <erpoll/erpoll.hpp>

struct NoId {
  static constexpr erpoll::fixed_string name = "x";
  static constexpr erpoll::fixed_string url = "/x";
  BOOST_HANA_DEFINE_STRUCT(NoId, (erpoll::updated_field<"milliseconds">, updated), (std::string, title));
};

int main() { return static_cast<int>(erpoll::resource_traits<NoId>::member_count); }
